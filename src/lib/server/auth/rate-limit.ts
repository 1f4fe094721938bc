/**
 * Fixed-window rate limits kept in the database, so every app instance counts the same attempts.
 * One upsert per check: the window resets atomically when it has expired.
 */
import { sql } from 'drizzle-orm';
import { db, rowsOf } from '../db';
import { DomainError } from '../errors';

export interface Limit {
	max: number;
	windowMs: number;
}

export const LIMITS = {
	loginPerAccount: { max: 10, windowMs: 15 * 60_000 },
	loginPerAddress: { max: 50, windowMs: 15 * 60_000 },
	signupPerAddress: { max: 20, windowMs: 60 * 60_000 },
	resetPerAccount: { max: 5, windowMs: 60 * 60_000 },
	tokenPerAccount: { max: 10, windowMs: 15 * 60_000 }
} satisfies Record<string, Limit>;

/** Counts one attempt; throws `rate_limited` (429) with `retryAfter` seconds when over the limit. */
export async function hit(key: string, limit: Limit, now = new Date()): Promise<void> {
	if (process.env.RATE_LIMIT === 'off') return;
	const reset = new Date(now.getTime() + limit.windowMs);
	const rows = await db.execute(sql`
		insert into rate_limits (key, count, reset_at) values (${key}, 1, ${reset.toISOString()})
		on conflict (key) do update set
			count = case when rate_limits.reset_at <= ${now.toISOString()} then 1 else rate_limits.count + 1 end,
			reset_at = case when rate_limits.reset_at <= ${now.toISOString()} then excluded.reset_at else rate_limits.reset_at end
		returning count, reset_at`);
	const [row] = rowsOf<{ count: number; reset_at: string | Date }>(rows);
	if (Number(row.count) > limit.max) {
		const retryAfter = Math.max(1, Math.ceil((new Date(row.reset_at).getTime() - now.getTime()) / 1000));
		throw new DomainError('rate_limited', { details: { retryAfter } });
	}
}

export async function clear(key: string): Promise<void> {
	await db.execute(sql`delete from rate_limits where key = ${key}`);
}
