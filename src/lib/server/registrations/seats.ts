/**
 * Seats in sessions that need booking. Same discipline as category places: the session row is
 * locked (`SELECT ... FOR UPDATE`, a read lock on the schedule's table, which we never change)
 * before counting and writing, so a session never holds more booked seats than its capacity.
 * A freed seat goes to the first person on the session's waitlist (by `seq`) who has no
 * overlapping booking.
 */
import { and, asc, eq, inArray, lt, gt, ne, sql } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { isUniqueViolation } from '../db/errors';
import { registrations, seatBookings } from './tables';
import { programSessions } from '../schedule/tables';
import { events } from '../events/tables';
import { requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { seatMail } from './notify';
import { pick } from '$lib/i18n/text';

type SessionRow = typeof programSessions.$inferSelect;

async function findSession(eventSlug: string, code: string) {
	const [row] = await db
		.select({ session: programSessions, eventSlug: events.slug })
		.from(programSessions)
		.innerJoin(events, eq(events.id, programSessions.eventId))
		.where(and(eq(events.slug, eventSlug), eq(programSessions.code, code), eq(events.status, 'published')))
		.limit(1);
	if (!row) throw new DomainError('not_found');
	return row.session;
}

async function lockSession(tx: Tx, id: string): Promise<SessionRow> {
	const [s] = await tx.select().from(programSessions).where(eq(programSessions.id, id)).for('update');
	if (!s) throw new DomainError('not_found');
	return s;
}

async function bookedCount(tx: Tx, sessionId: string) {
	const [{ n }] = await tx
		.select({ n: sql<number>`count(*)::int` })
		.from(seatBookings)
		.where(and(eq(seatBookings.sessionId, sessionId), eq(seatBookings.status, 'booked')));
	return n;
}

/** The first booked session of the user that overlaps `s`, if any. */
async function overlapping(tx: Tx, userId: string, s: SessionRow) {
	if (!s.startsAt || !s.endsAt) return null;
	const [o] = await tx
		.select({ id: programSessions.id, code: programSessions.code, title: programSessions.title })
		.from(seatBookings)
		.innerJoin(programSessions, eq(programSessions.id, seatBookings.sessionId))
		.where(
			and(
				eq(seatBookings.userId, userId),
				eq(seatBookings.status, 'booked'),
				ne(seatBookings.sessionId, s.id),
				lt(programSessions.startsAt, s.endsAt),
				gt(programSessions.endsAt, s.startsAt)
			)
		)
		.limit(1);
	return o ?? null;
}

export interface BookingResult {
	status: 'booked' | 'waitlisted';
	changed: boolean;
}

/** Books a seat, or a place on the session's waitlist when it is full. Needs an approved registration. */
export async function book(actor: Actor, eventSlug: string, code: string): Promise<BookingResult> {
	requireUser(actor);
	const session = await findSession(eventSlug, code);
	if (!session.requiresBooking || session.status === 'cancelled') throw new DomainError('booking_not_needed', { status: 409 });
	const [reg] = await db
		.select({ id: registrations.id, status: registrations.status })
		.from(registrations)
		.where(and(eq(registrations.eventId, session.eventId), eq(registrations.userId, actor.id)))
		.limit(1);
	if (!reg || reg.status !== 'approved') throw new DomainError('registration_required', { status: 403 });
	try {
		return await db.transaction(async (tx) => {
			const s = await lockSession(tx, session.id);
			const [live] = await tx
				.select({ status: seatBookings.status })
				.from(seatBookings)
				.where(and(eq(seatBookings.sessionId, s.id), eq(seatBookings.userId, actor.id), ne(seatBookings.status, 'cancelled')))
				.limit(1);
			if (live) return { status: live.status as 'booked' | 'waitlisted', changed: false };
			const other = await overlapping(tx, actor.id, s);
			if (other) {
				throw new DomainError('seat_overlap', {
					status: 409,
					details: { session: pick(s.title, actor.locale), other: pick(other.title, actor.locale), otherCode: other.code }
				});
			}
			const full = s.capacity !== null && (await bookedCount(tx, s.id)) >= s.capacity;
			const status = full ? 'waitlisted' : 'booked';
			await tx.insert(seatBookings).values({ sessionId: s.id, eventId: s.eventId, registrationId: reg.id, userId: actor.id, status });
			if (status === 'booked') await seatMail(tx, actor.id, 'booked', { title: s.title, eventSlug, code: s.code });
			return { status, changed: true };
		});
	} catch (e) {
		// A double submit that raced past the check meets the partial unique index.
		if (isUniqueViolation(e)) {
			const [live] = await db
				.select({ status: seatBookings.status })
				.from(seatBookings)
				.where(and(eq(seatBookings.sessionId, session.id), eq(seatBookings.userId, actor.id), ne(seatBookings.status, 'cancelled')))
				.limit(1);
			if (live) return { status: live.status as 'booked' | 'waitlisted', changed: false };
		}
		throw e;
	}
}

/** Cancels the actor's seat or waitlist place; a freed seat goes to the next waiting person. */
export async function cancel(actor: Actor, eventSlug: string, code: string): Promise<{ changed: boolean }> {
	requireUser(actor);
	const session = await findSession(eventSlug, code);
	const [live] = await db
		.select({ id: seatBookings.id })
		.from(seatBookings)
		.where(and(eq(seatBookings.sessionId, session.id), eq(seatBookings.userId, actor.id), ne(seatBookings.status, 'cancelled')))
		.limit(1);
	if (!live) return { changed: false };
	return db.transaction(async (tx) => ({ changed: await releaseInTx(tx, live.id) }));
}

/** Cancels one booking under its session's lock and promotes from the waitlist. */
export async function releaseInTx(tx: Tx, bookingId: string): Promise<boolean> {
	const [b0] = await tx.select({ sessionId: seatBookings.sessionId }).from(seatBookings).where(eq(seatBookings.id, bookingId));
	if (!b0) return false;
	const s = await lockSession(tx, b0.sessionId);
	const [b] = await tx.select().from(seatBookings).where(eq(seatBookings.id, bookingId)).for('update');
	if (b.status === 'cancelled') return false;
	await tx.update(seatBookings).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(seatBookings.id, bookingId));
	if (b.status === 'booked') await promoteSeats(tx, s);
	return true;
}

async function promoteSeats(tx: Tx, s: SessionRow) {
	let free = s.capacity === null ? Number.MAX_SAFE_INTEGER : s.capacity - (await bookedCount(tx, s.id));
	if (free <= 0) return;
	const waiting = await tx
		.select({ id: seatBookings.id, userId: seatBookings.userId })
		.from(seatBookings)
		.where(and(eq(seatBookings.sessionId, s.id), eq(seatBookings.status, 'waitlisted')))
		.orderBy(asc(seatBookings.seq))
		.for('update');
	const [ev] = await tx.select({ slug: events.slug }).from(events).where(eq(events.id, s.eventId));
	for (const w of waiting) {
		if (free <= 0) break;
		// Someone who booked an overlapping session meanwhile keeps waiting rather than holding two places at once.
		if (await overlapping(tx, w.userId, s)) continue;
		await tx.update(seatBookings).set({ status: 'booked', updatedAt: new Date() }).where(eq(seatBookings.id, w.id));
		await seatMail(tx, w.userId, 'promoted', { title: s.title, eventSlug: ev.slug, code: s.code });
		free--;
	}
}

/** Seats left per session (null capacity: unlimited), with booked and waiting counts. */
export async function availability(sessionIds: string[]): Promise<Map<string, { capacity: number | null; booked: number; waitlisted: number; remaining: number | null }>> {
	const out = new Map<string, { capacity: number | null; booked: number; waitlisted: number; remaining: number | null }>();
	if (!sessionIds.length) return out;
	const caps = await db.select({ id: programSessions.id, capacity: programSessions.capacity }).from(programSessions).where(inArray(programSessions.id, sessionIds));
	const counts = await db
		.select({ sessionId: seatBookings.sessionId, status: seatBookings.status, n: sql<number>`count(*)::int` })
		.from(seatBookings)
		.where(and(inArray(seatBookings.sessionId, sessionIds), ne(seatBookings.status, 'cancelled')))
		.groupBy(seatBookings.sessionId, seatBookings.status);
	for (const c of caps) {
		const booked = counts.find((r) => r.sessionId === c.id && r.status === 'booked')?.n ?? 0;
		const waitlisted = counts.find((r) => r.sessionId === c.id && r.status === 'waitlisted')?.n ?? 0;
		out.set(c.id, { capacity: c.capacity, booked, waitlisted, remaining: c.capacity === null ? null : Math.max(0, c.capacity - booked) });
	}
	return out;
}

/** The actor's live bookings (booked or waiting), soonest first. */
export async function mine(actor: Actor, eventSlug?: string) {
	requireUser(actor);
	const where = [eq(seatBookings.userId, actor.id), ne(seatBookings.status, 'cancelled')];
	if (eventSlug) where.push(eq(events.slug, eventSlug));
	return db
		.select({
			status: seatBookings.status,
			eventSlug: events.slug,
			code: programSessions.code,
			title: programSessions.title,
			startsAt: programSessions.startsAt,
			endsAt: programSessions.endsAt,
			timeZone: events.timeZone
		})
		.from(seatBookings)
		.innerJoin(programSessions, eq(programSessions.id, seatBookings.sessionId))
		.innerJoin(events, eq(events.id, seatBookings.eventId))
		.where(and(...where))
		.orderBy(asc(programSessions.startsAt));
}

/** The actor's booking state for one session, for the booking button. */
export async function stateFor(actor: Actor | null, eventSlug: string, code: string) {
	const session = await findSession(eventSlug, code);
	const avail = (await availability([session.id])).get(session.id)!;
	let mineStatus: string | null = null;
	if (actor) {
		const [b] = await db
			.select({ status: seatBookings.status })
			.from(seatBookings)
			.where(and(eq(seatBookings.sessionId, session.id), eq(seatBookings.userId, actor.id), ne(seatBookings.status, 'cancelled')))
			.limit(1);
		mineStatus = b?.status ?? null;
	}
	return {
		session,
		capacity: avail.capacity,
		remaining: avail.remaining,
		bookedCount: avail.booked,
		waitlistedCount: avail.waitlisted,
		booked: mineStatus === 'booked',
		waitlisted: mineStatus === 'waitlisted',
		requiresBooking: session.requiresBooking
	};
}
