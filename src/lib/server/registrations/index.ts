/**
 * Registrations: register, review (approve, reject, waitlist), cancel, and the waitlist that fills
 * freed places first come, first served.
 *
 * Concurrency: every change that can alter how many places a category holds takes the category's
 * row lock (`SELECT ... FOR UPDATE`) first, then counts, then writes, in one transaction. The lock
 * serialises those changes per category on PostgreSQL across any number of connections and app
 * instances (PGlite has a single connection and serialises anyway). Lock order is always category,
 * then registration, so two verbs never wait on each other in a cycle.
 *
 * Partner invitations (partners domain) insert registrations with `partnerId` directly; they hold
 * places like anyone else, so they count against the capacity here.
 */
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db, type Executor, type Tx } from '../db';
import { isUniqueViolation } from '../db/errors';
import { scans } from '../checkin/tables';
import { categories, registrations, seatBookings } from './tables';
import { events } from '../events/tables';
import { partnerEditions, partners } from '../partners/tables';
import { zonedTime } from '$lib/time';
import { users, sessions as authSessions, apiTokens } from '../auth/tables';
import { badges as badgeTable } from '../badges/tables';
import { isOrganizer, requireArea, requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';
import { record } from '../audit';
import * as eventsDomain from '../events';
import { submit } from './register';
import { statusMail } from './notify';
import * as rules from './rules';
import type { Status, Action } from './rules';
import type { CategoryFormInput, CategoryInput, CategoryPatch, ListQuery, RegisterInput } from '$lib/schemas/registrations';
import { listQuerySchema } from '$lib/schemas/registrations';

export type { Status, Action };
export type Category = typeof categories.$inferSelect;
export type Registration = typeof registrations.$inferSelect;


// ---------------------------------------------------------------- categories

async function confirmedCounts(ex: Executor, categoryIds: string[]): Promise<Map<string, number>> {
	if (!categoryIds.length) return new Map();
	const rows = await ex
		.select({ categoryId: registrations.categoryId, n: sql<number>`count(*)::int` })
		.from(registrations)
		.where(and(inArray(registrations.categoryId, categoryIds), inArray(registrations.status, rules.CONFIRMED as Status[])))
		.groupBy(registrations.categoryId);
	return new Map(rows.map((r) => [r.categoryId, r.n]));
}

async function confirmedCount(ex: Executor, categoryId: string): Promise<number> {
	return (await confirmedCounts(ex, [categoryId])).get(categoryId) ?? 0;
}

async function lockCategory(tx: Tx, categoryId: string): Promise<Category> {
	const [c] = await tx.select().from(categories).where(eq(categories.id, categoryId)).for('update');
	if (!c) throw new DomainError('not_found');
	return c;
}

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

/**
 * Moves the first waiting people (by arrival `seq`) into the places the category has free.
 * Runs under the category lock held by the caller. Each promoted person is mailed.
 */
async function promote(tx: Tx, c: Category): Promise<string[]> {
	const confirmed = await confirmedCount(tx, c.id);
	const room = c.capacity === null ? 1000 : c.capacity - confirmed;
	if (room <= 0) return [];
	const waiting = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.categoryId, c.id), eq(registrations.status, 'waitlisted')))
		.orderBy(asc(registrations.seq))
		.limit(room)
		.for('update');
	const to = rules.promotedStatus(c);
	for (const w of waiting) {
		await tx.update(registrations).set({ status: to, updatedAt: new Date() }).where(eq(registrations.id, w.id));
		if (to === 'approved') await badges.issue(tx, w.id);
		await statusMail(tx, w.id, to, { promoted: true });
	}
	return waiting.map((w) => w.id);
}

// ---------------------------------------------------------------- registering

async function categoryOf(eventId: string, ref: string): Promise<Category | undefined> {
	const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
	const [c] = await db
		.select()
		.from(categories)
		.where(and(eq(categories.eventId, eventId), isUuid ? or(eq(categories.id, ref), eq(categories.slug, ref)) : eq(categories.slug, ref)))
		.limit(1);
	return c;
}

/**
 * Registers the actor for an edition: pending (approval needed), approved, or waitlisted when the
 * category is full. One registration per person and edition (409 already_registered). The work is
 * in register.ts: few statements, and group commit when many register for one category at once.
 */
export async function register(actor: Actor, eventSlug: string, input: RegisterInput, now = new Date()) {
	requireUser(actor);
	return submit(actor, eventSlug, input, now);
}

// ---------------------------------------------------------------- reading

/** The registration if the actor may see it (owner or organizer); others get not_found, never a hint. */
async function visible(actor: Actor, id: string) {
	requireUser(actor);
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found');
	const [r] = await db.select().from(registrations).where(eq(registrations.id, id)).limit(1);
	if (!r || (r.userId !== actor.id && !isOrganizer(actor))) throw new DomainError('not_found');
	return r;
}

/** One registration with its person, category, partner and current badge. */
export async function get(actor: Actor, id: string) {
	const r = await visible(actor, id);
	const [row] = await db
		.select({
			event: { slug: events.slug, name: events.name, timeZone: events.timeZone, privacyVersion: events.privacyVersion },
			category: categories,
			partner: { id: partners.id, slug: partners.slug, name: partners.name },
			person: { id: users.id, name: users.name, nameZh: users.nameZh, organization: users.organization, email: users.email, locale: users.locale }
		})
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.innerJoin(users, eq(users.id, registrations.userId))
		.leftJoin(partners, eq(partners.id, registrations.partnerId))
		.where(eq(registrations.id, r.id));
	const badge = await badges.current(db, r.id);
	return { registration: r, ...row, badge };
}

export function toApi(g: Awaited<ReturnType<typeof get>>) {
	const r = g.registration;
	return {
		id: r.id,
		publicId: r.publicId,
		status: r.status,
		event: g.event.slug,
		category: { slug: g.category.slug, name: g.category.name, color: g.category.color },
		partner: g.partner ? { slug: g.partner.slug, name: g.partner.name } : null,
		person: { name: g.person.name, nameZh: g.person.nameZh, organization: g.person.organization, email: g.person.email },
		answers: r.answers,
		consentVersion: r.consentVersion,
		createdAt: r.createdAt.toISOString(),
		updatedAt: r.updatedAt.toISOString(),
		badge: g.badge && r.status === 'approved' ? { code: g.badge.code, version: g.badge.version, issuedAt: g.badge.issuedAt.toISOString() } : null
	};
}

export async function listMine(actor: Actor) {
	return db
		.select({
			id: registrations.id,
			status: registrations.status,
			eventSlug: events.slug,
			eventName: events.name,
			categoryName: categories.name,
			categoryColor: categories.color,
			createdAt: registrations.createdAt
		})
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.userId, actor.id))
		.orderBy(desc(registrations.createdAt));
}

/** The actor's registration for one event, or null. */
export async function mineFor(actor: Actor, eventSlug: string) {
	requireUser(actor);
	const [r] = await db
		.select({ id: registrations.id })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(eq(events.slug, eventSlug), eq(registrations.userId, actor.id)))
		.limit(1);
	return r ? get(actor, r.id) : null;
}

// ---------------------------------------------------------------- review and cancel

export interface TransitionResult {
	id: string;
	status: Status;
	changed: boolean;
	promoted: string[];
}

/**
 * Applies a review action. Organizers may do all; the owner may cancel their own. Repeating an
 * action already applied changes nothing (a double click is harmless).
 */
export async function transition(actor: Actor, id: string, action: Action, opts: { reason?: string } = {}): Promise<TransitionResult> {
	const r0 = await visible(actor, id);
	if (!isOrganizer(actor) && action !== 'cancel') throw new DomainError('forbidden');
	const to = rules.targetOf(action);
	return db.transaction(async (tx) => {
		const c = await lockCategory(tx, r0.categoryId);
		const [r] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
		if (!r) throw new DomainError('not_found');
		const from = r.status as Status;
		if (from === to) return { id, status: to, changed: false, promoted: [] };
		if (!rules.canApply(action, from)) throw new DomainError('invalid_transition', { status: 409, details: { from, to } });
		if (rules.needsPlace(from, to) && !rules.hasRoom(c.capacity, await confirmedCount(tx, c.id))) {
			throw new DomainError('capacity_full', { status: 409 });
		}
		await tx.update(registrations).set({ status: to, updatedAt: new Date() }).where(eq(registrations.id, id));
		if (to === 'approved') await badges.issue(tx, id);
		else await badges.revoke(tx, id, to);
		await statusMail(tx, id, to);
		await cancelSeats(tx, r.userId, r.eventId, to);
		await record(actor, `registrations.${action}`, { targetType: 'registration', targetId: id, eventId: r.eventId, data: { from, to, reason: opts.reason } }, tx);
		// A place freed by a cancellation or rejection goes to the first waiting person at once. An
		// organizer's explicit `waitlist` does not promote: the oldest waiting person could be the very
		// one just moved back, and the organizer meant to hold the place.
		const promoted = (action === 'cancel' || action === 'reject') && rules.freesPlace(from, to) ? await promote(tx, c) : [];
		return { id, status: to, changed: true, promoted };
	});
}

export const approve = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'approve', opts);
export const reject = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'reject', opts);
export const cancel = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'cancel', opts);
export const waitlist = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'waitlist', opts);

/** A person who no longer holds a place gives their seats back (and the seat waitlists move on). */
async function cancelSeats(tx: Tx, userId: string, eventId: string, to: Status) {
	if (to !== 'cancelled' && to !== 'rejected') return;
	const live = await tx
		.select({ id: seatBookings.id })
		.from(seatBookings)
		.where(and(eq(seatBookings.userId, userId), eq(seatBookings.eventId, eventId), inArray(seatBookings.status, ['booked', 'waitlisted'])));
	if (!live.length) return;
	const { releaseInTx } = await import('./seats');
	for (const b of live) await releaseInTx(tx, b.id);
}

/** Bulk review: each registration in its own transaction, so one refusal does not undo the others. */
export async function bulk(actor: Actor, eventSlug: string, ids: string[], action: 'approve' | 'reject' | 'waitlist') {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const own = await db
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, event.id), inArray(registrations.id, ids)));
	const ok: string[] = [];
	const failed: { id: string; code: string }[] = [];
	const ownIds = new Set(own.map((r) => r.id));
	for (const id of ids) {
		if (!ownIds.has(id)) {
			failed.push({ id, code: 'not_found' });
			continue;
		}
		try {
			await transition(actor, id, action);
			ok.push(id);
		} catch (e) {
			if (e instanceof DomainError) failed.push({ id, code: e.code });
			else throw e;
		}
	}
	return { ok, failed };
}

/** Changes answers: the owner until the window closes, organizers any time. */
export async function updateAnswers(actor: Actor, id: string, answers: Record<string, unknown>, now = new Date()) {
	const r = await visible(actor, id);
	const [c] = await db.select().from(categories).where(eq(categories.id, r.categoryId));
	if (!isOrganizer(actor)) {
		if (r.status === 'cancelled' || r.status === 'rejected') throw new DomainError('invalid_transition', { status: 409 });
		if (rules.windowState(c, now) === 'closed') throw new DomainError('registration_closed', { status: 409 });
	}
	const checked = rules.validateAnswers(c.questions, answers);
	if (!checked.ok) {
		const fields: Record<string, string[]> = {};
		for (const [k, v] of Object.entries(checked.errors)) fields[`answers.${k}`] = v;
		throw new DomainError('invalid_input', { fields });
	}
	await db.transaction(async (tx) => {
		await tx
			.update(registrations)
			.set({ answers: checked.values, ...rules.derivedColumns(c.questions, checked.values), updatedAt: new Date() })
			.where(eq(registrations.id, id));
		if (actor.id !== r.userId) await record(actor, 'registrations.edit_answers', { targetType: 'registration', targetId: id, eventId: r.eventId }, tx);
	});
	return checked.values;
}

/** Organizers: sends the person's current status mail again. */
export async function resendConfirmation(actor: Actor, id: string) {
	requireArea(actor, 'organizer');
	const r = await visible(actor, id);
	await db.transaction(async (tx) => {
		await statusMail(tx, id, r.status as Status);
		await record(actor, 'registrations.resend', { targetType: 'registration', targetId: id, eventId: r.eventId }, tx);
	});
}

// ---------------------------------------------------------------- organizer list

export type ListFilters = ListQuery;

function escapeLike(s: string) {
	return s.replace(/[%_\\]/g, '\\$&');
}

async function listWhere(eventId: string, f: ReturnType<typeof listQuerySchema.parse>): Promise<SQL[]> {
	const where: SQL[] = [eq(registrations.eventId, eventId)];
	if (f.category) {
		const c = await categoryOf(eventId, f.category);
		where.push(eq(registrations.categoryId, c?.id ?? '00000000-0000-0000-0000-000000000000'));
	}
	if (f.partner === 'none') where.push(isNull(registrations.partnerId));
	else if (f.partner) {
		const [p] = await db
			.select({ id: partners.id })
			.from(partners)
			.where(/^[0-9a-f-]{36}$/i.test(f.partner) ? eq(partners.id, f.partner) : eq(partners.slug, f.partner))
			.limit(1);
		where.push(eq(registrations.partnerId, p?.id ?? '00000000-0000-0000-0000-000000000000'));
	}
	if (f.country) where.push(eq(registrations.country, f.country));
	if (f.field) where.push(eq(registrations.field, f.field));
	if (f.q) {
		const like = `%${escapeLike(f.q)}%`;
		where.push(or(ilike(users.name, like), ilike(users.email, like), ilike(users.nameZh, like), ilike(users.organization, like), eq(registrations.publicId, f.q.toUpperCase()))!);
	}
	if (f.checkedIn) {
		const admitted = sql`exists (select 1 from ${scans} where ${scans.registrationId} = ${registrations.id} and ${scans.result} = 'admitted')`;
		where.push(f.checkedIn === 'yes' ? admitted : sql`not ${admitted}`);
	}
	return where;
}

/**
 * The organizer list: server-side filters, search, sort and paging, with counts per state for the
 * same filters (status aside). Indexes: registrations_event_* (see tables.ts).
 */
export async function list(actor: Actor, eventSlug: string, query: ListFilters = {}) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const f = listQuerySchema.parse(query);
	const base = await listWhere(event.id, f);
	const where = f.status ? [...base, eq(registrations.status, f.status)] : base;
	const order = {
		seq: [asc(registrations.seq)],
		'-seq': [desc(registrations.seq)],
		name: [asc(users.name), asc(registrations.seq)],
		'-name': [desc(users.name), asc(registrations.seq)],
		status: [asc(registrations.status), asc(registrations.seq)],
		category: [asc(categories.position), asc(registrations.seq)]
	}[f.sort];
	const needsUsers = Boolean(f.q);
	const countQuery = db.select({ status: registrations.status, n: sql<number>`count(*)::int` }).from(registrations);
	const countRows = await (needsUsers ? countQuery.innerJoin(users, eq(users.id, registrations.userId)) : countQuery).where(and(...base)).groupBy(registrations.status);
	const counts = Object.fromEntries(rules.CONFIRMED.concat(['waitlisted', 'rejected', 'cancelled']).map((s) => [s, 0])) as Record<Status, number>;
	for (const r of countRows) counts[r.status as Status] = r.n;
	const total = f.status ? counts[f.status] : Object.values(counts).reduce((a, b) => a + b, 0);
	const items = await db
		.select({
			id: registrations.id,
			publicId: registrations.publicId,
			seq: registrations.seq,
			status: registrations.status,
			answers: registrations.answers,
			country: registrations.country,
			field: registrations.field,
			createdAt: registrations.createdAt,
			name: users.name,
			nameZh: users.nameZh,
			email: users.email,
			organization: users.organization,
			category: { slug: categories.slug, name: categories.name, color: categories.color },
			partner: { slug: partners.slug, name: partners.name }
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.leftJoin(partners, eq(partners.id, registrations.partnerId))
		.where(and(...where))
		.orderBy(...order)
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize);
	return { event, total, counts, page: f.page, pageSize: f.pageSize, items };
}

/** Every row of the filtered list (CSV export), in pages so memory stays flat. */
export async function* exportRows(actor: Actor, eventSlug: string, query: ListFilters = {}) {
	for (let page = 1; ; page++) {
		const { items } = await list(actor, eventSlug, { ...query, page, pageSize: 500 });
		yield* items;
		if (items.length < 500) return;
	}
}

// ---------------------------------------------------------------- my data

/** Everything stored about the actor, as JSON (right of access). */
export async function exportMyData(actor: Actor) {
	requireUser(actor);
	const [u] = await db
		.select({ id: users.id, email: users.email, name: users.name, nameZh: users.nameZh, organization: users.organization, locale: users.locale, role: users.role, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.id, actor.id));
	const regs = await db
		.select({ registration: registrations, event: events.slug, category: categories.slug })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.userId, actor.id));
	const regIds = regs.map((r) => r.registration.id);
	const badgeRows = regIds.length ? await db.select({ registrationId: badgeTable.registrationId, version: badgeTable.version, issuedAt: badgeTable.issuedAt, revokedAt: badgeTable.revokedAt }).from(badgeTable).where(inArray(badgeTable.registrationId, regIds)) : [];
	const seats = await db.select().from(seatBookings).where(eq(seatBookings.userId, actor.id));
	return {
		exportedAt: new Date().toISOString(),
		account: u,
		registrations: regs.map((r) => ({
			id: r.registration.id,
			event: r.event,
			category: r.category,
			status: r.registration.status,
			answers: r.registration.answers,
			consentVersion: r.registration.consentVersion,
			consentAt: r.registration.consentAt,
			createdAt: r.registration.createdAt,
			badges: badgeRows.filter((b) => b.registrationId === r.registration.id)
		})),
		seatBookings: seats.map((s) => ({ sessionId: s.sessionId, status: s.status, createdAt: s.createdAt }))
	};
}

/**
 * Deletes the actor's account: personal data erased (name, email, answers), places given back,
 * badges revoked, sessions and tokens ended. The rows stay, anonymous, so check-in statistics
 * (counts by category, country, field) still add up.
 */
export async function eraseMyAccount(actor: Actor) {
	requireUser(actor);
	const mine = await db.select({ id: registrations.id, status: registrations.status }).from(registrations).where(eq(registrations.userId, actor.id));
	for (const r of mine) {
		if (r.status === 'pending' || r.status === 'approved' || r.status === 'waitlisted') await transition(actor, r.id, 'cancel', { reason: 'erased' });
	}
	await db.transaction(async (tx) => {
		for (const r of mine) await badges.revoke(tx, r.id, 'erased');
		await tx.update(registrations).set({ answers: {}, updatedAt: new Date() }).where(eq(registrations.userId, actor.id));
		await tx
			.update(users)
			.set({ name: 'Erased', nameZh: null, organization: null, email: `erased-${actor.id}@erased.invalid`, passwordHash: null, erasedAt: new Date(), disabledAt: new Date() })
			.where(eq(users.id, actor.id));
		await tx.delete(authSessions).where(eq(authSessions.userId, actor.id));
		await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)));
		await record(actor, 'registrations.erase_account', { targetType: 'user', targetId: actor.id }, tx);
	});
}

// ---------------------------------------------------------------- organizer page helpers

/** What the organizer list can filter by: categories, the event's partners, countries and fields present. */
export async function filterOptions(actor: Actor, eventSlug: string) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const [cats, ptns, countries, fields] = await Promise.all([
		db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.eventId, event.id)).orderBy(asc(categories.position)),
		db
			.select({ slug: partners.slug, name: partners.name })
			.from(partnerEditions)
			.innerJoin(partners, eq(partners.id, partnerEditions.partnerId))
			.where(eq(partnerEditions.eventId, event.id))
			.orderBy(asc(partners.slug)),
		db.selectDistinct({ v: registrations.country }).from(registrations).where(and(eq(registrations.eventId, event.id), sql`${registrations.country} is not null`)).orderBy(asc(registrations.country)),
		db.selectDistinct({ v: registrations.field }).from(registrations).where(and(eq(registrations.eventId, event.id), sql`${registrations.field} is not null`)).orderBy(asc(registrations.field))
	]);
	return { event, categories: cats, partners: ptns, countries: countries.map((c) => c.v!), fields: fields.map((f) => f.v!) };
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

/** Organizers: a new badge code for an approved registration (a lost badge); the old code is revoked. */
export async function reissueBadge(actor: Actor, id: string) {
	requireArea(actor, 'organizer');
	const r = await visible(actor, id);
	return db.transaction(async (tx) => {
		const [locked] = await tx.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, r.id)).for('update');
		if (locked.status !== 'approved') throw new DomainError('invalid_transition', { status: 409 });
		const badge = await badges.reissue(tx, r.id);
		await record(actor, 'registrations.reissue_badge', { targetType: 'registration', targetId: r.id, eventId: r.eventId, data: { version: badge.version } }, tx);
		return { id: r.id, version: badge.version, code: badge.code };
	});
}
