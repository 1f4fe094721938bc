/**
 * Places: how many a category holds, its row lock, and the waitlist that fills freed places first
 * come, first served. Every change that can alter how many places a category holds takes the
 * category's row lock first (`lockCategory`), then counts, then writes, in one transaction; lock
 * order is always category, then registration.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db';
import { categories, registrations } from './tables';
import { DomainError } from '../errors';
import * as badges from '../badges';
import { statusMail } from './notify';
import * as rules from './rules';
import type { Status } from './rules';

export type Category = typeof categories.$inferSelect;
export type Registration = typeof registrations.$inferSelect;

export async function confirmedCounts(ex: Executor, categoryIds: string[]): Promise<Map<string, number>> {
	if (!categoryIds.length) return new Map();
	const rows = await ex
		.select({ categoryId: registrations.categoryId, n: sql<number>`count(*)::int` })
		.from(registrations)
		.where(and(inArray(registrations.categoryId, categoryIds), inArray(registrations.status, rules.CONFIRMED as Status[])))
		.groupBy(registrations.categoryId);
	return new Map(rows.map((r) => [r.categoryId, r.n]));
}

export async function confirmedCount(ex: Executor, categoryId: string): Promise<number> {
	return (await confirmedCounts(ex, [categoryId])).get(categoryId) ?? 0;
}

export async function lockCategory(tx: Tx, categoryId: string): Promise<Category> {
	const [c] = await tx.select().from(categories).where(eq(categories.id, categoryId)).for('update');
	if (!c) throw new DomainError('not_found');
	return c;
}

/**
 * Moves the first waiting people (by arrival `seq`) into the places the category has free.
 * Runs under the category lock held by the caller. Each promoted person is mailed.
 */
export async function promote(tx: Tx, c: Category): Promise<string[]> {
	const free = rules.remaining(c.capacity, await confirmedCount(tx, c.id));
	if (free === 0) return [];
	const query = tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.categoryId, c.id), eq(registrations.status, 'waitlisted')))
		.orderBy(asc(registrations.seq))
		.$dynamic();
	// No limit (capacity null): everyone waiting moves up.
	const waiting = await (free === null ? query : query.limit(free)).for('update');
	const to = rules.placedStatus(c);
	for (const w of waiting) {
		await tx.update(registrations).set({ status: to, updatedAt: new Date() }).where(eq(registrations.id, w.id));
		if (to === 'approved') await badges.issue(tx, w.id);
		await statusMail(tx, w.id, to, { promoted: true });
	}
	return waiting.map((w) => w.id);
}
