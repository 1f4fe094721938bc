/** Registration categories of an event: places, window, questions; the category editor's form. */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { categories, registrations } from './tables';
import { zonedTime } from '$lib/time';
import { requireArea, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { record } from '../audit';
import * as eventsDomain from '../events';
import { confirmedCount, confirmedCounts, lockCategory, promote, type Category } from './places';
import * as rules from './rules';
import type { CategoryFormInput, CategoryInput, CategoryPatch } from '$lib/schemas/registrations';

export function categoryToApi(c: Category, confirmed: number) {
	return {
		id: c.id,
		slug: c.slug,
		name: c.name,
		capacity: c.capacity,
		remaining: rules.remaining(c.capacity, confirmed),
		requiresApproval: c.requiresApproval,
		opensAt: c.opensAt?.toISOString() ?? null,
		closesAt: c.closesAt?.toISOString() ?? null,
		color: c.color,
		questions: c.questions,
		position: c.position
	};
}
export type CategoryView = ReturnType<typeof categoryToApi> & { open: rules.WindowState };

/** An event's categories with remaining places (public for published events). */
export async function listCategories(actor: Actor | null, eventSlug: string, now = new Date()): Promise<CategoryView[]> {
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const rows = await db.select().from(categories).where(eq(categories.eventId, event.id)).orderBy(asc(categories.position), asc(categories.slug));
	const counts = await confirmedCounts(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((c) => ({ ...categoryToApi(c, counts.get(c.id) ?? 0), open: rules.windowState(c, now) }));
}

export async function createCategory(actor: Actor, eventSlug: string, input: CategoryInput) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	try {
		return await db.transaction(async (tx) => {
			const [c] = await tx
				.insert(categories)
				.values({ ...input, eventId: event.id })
				.returning();
			await record(actor, 'registrations.category_create', { targetType: 'category', targetId: c.id, eventId: event.id, data: { slug: c.slug } }, tx);
			return categoryToApi(c, 0);
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('invalid_input', { fields: { slug: ['reg_v_slug_taken'] } });
		throw e;
	}
}

/** Changes a category; a raised capacity promotes from the waitlist in the same transaction. */
export async function updateCategory(actor: Actor, eventSlug: string, categorySlug: string, patch: CategoryPatch) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const [found] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.eventId, event.id), eq(categories.slug, categorySlug))).limit(1);
	if (!found) throw new DomainError('not_found');
	try {
		return await db.transaction(async (tx) => {
			await lockCategory(tx, found.id);
			const [c] = await tx.update(categories).set(patch).where(eq(categories.id, found.id)).returning();
			const promoted = await promote(tx, c);
			await record(actor, 'registrations.category_update', { targetType: 'category', targetId: c.id, eventId: event.id, data: { ...patch, promoted: promoted.length } }, tx);
			return { ...categoryToApi(c, await confirmedCount(tx, c.id)), promoted: promoted.length };
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('invalid_input', { fields: { slug: ['reg_v_slug_taken'] } });
		throw e;
	}
}

export async function deleteCategory(actor: Actor, eventSlug: string, categorySlug: string) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const [c] = await db.select().from(categories).where(and(eq(categories.eventId, event.id), eq(categories.slug, categorySlug))).limit(1);
	if (!c) throw new DomainError('not_found');
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(registrations).where(eq(registrations.categoryId, c.id));
	if (n > 0) throw new DomainError('category_in_use', { status: 409, details: { count: n } });
	await db.delete(categories).where(eq(categories.id, c.id));
}

/** A category of the event by slug or id. */
export async function categoryOf(eventId: string, ref: string): Promise<Category | undefined> {
	const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
	const [c] = await db
		.select()
		.from(categories)
		.where(and(eq(categories.eventId, eventId), isUuid ? or(eq(categories.id, ref), eq(categories.slug, ref)) : eq(categories.slug, ref)))
		.limit(1);
	return c;
}

/** The category editor's form: local date-times are read in the event's zone. */
export async function saveCategoryForm(actor: Actor, eventSlug: string, existing: string | null, input: CategoryFormInput) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const local = (v: string | undefined) => (v ? zonedTime(v.slice(0, 10), v.slice(11, 16), event.timeZone) : null);
	const data: CategoryInput = {
		slug: input.slug,
		name: { zh: input.nameZh, en: input.nameEn },
		capacity: input.capacity ?? null,
		requiresApproval: input.requiresApproval,
		opensAt: local(input.opensAt),
		closesAt: local(input.closesAt),
		color: input.color,
		questions: input.questions,
		position: input.position
	};
	return existing ? updateCategory(actor, eventSlug, existing, data) : createCategory(actor, eventSlug, data);
}
