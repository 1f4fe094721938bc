import { describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { programSessions } from '$lib/server/schedule/tables';
import { seatBookings } from '$lib/server/registrations/tables';
import { outbox } from '$lib/server/mail/tables';
import * as registrations from '$lib/server/registrations';
import * as seats from '$lib/server/registrations/seats';
import { DomainError } from '$lib/server/errors';
import { ANSWERS, eventWithCategory } from './helpers';

useTestDatabase();

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 6, 6, h, m));

async function setup(capacity: number | null, people: number) {
	const { event } = await eventWithCategory({ capacity: null, requiresApproval: false });
	const mk = (code: string, title: string, s: Date, e: Date, cap: number | null) =>
		db
			.insert(programSessions)
			.values({ eventId: event.id, code, title: { zh: `${title}（中）`, en: title }, kind: 'forum', startsAt: s, endsAt: e, capacity: cap, requiresBooking: true })
			.returning()
			.then((r) => r[0]);
	const main = await mk('S1', 'AI forum', at(9), at(10), capacity);
	const clash = await mk('S2', 'Bio roadshow', at(9, 30), at(11), 100);
	const later = await mk('S3', 'Site visit', at(10), at(12), 100);
	const users = await Promise.all(Array.from({ length: people }, () => makeUser()));
	for (const u of users) await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
	return { event, main, clash, later, users };
}

async function code(p: Promise<unknown>) {
	try {
		await p;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
}

describe('seat bookings', () => {
	it('never oversells: 60 parallel bookings for 20 seats', async () => {
		const { event, main, users } = await setup(20, 60);
		const results = await Promise.all(users.map((u) => seats.book(u, event.slug, 'S1')));
		expect(results.filter((r) => r.status === 'booked')).toHaveLength(20);
		expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
		const avail = (await seats.availability([main.id])).get(main.id);
		expect(avail).toEqual({ capacity: 20, booked: 20, waitlisted: 40, remaining: 0 });
	}, 60_000);

	it('a double submit books once', async () => {
		const { event, main, users } = await setup(5, 1);
		const r = await Promise.all([1, 2, 3].map(() => seats.book(users[0], event.slug, 'S1')));
		expect(r.filter((x) => x.changed)).toHaveLength(1);
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(seatBookings).where(eq(seatBookings.sessionId, main.id));
		expect(n).toBe(1);
	});

	it('refuses an overlapping booking and names both sessions', async () => {
		const { event, users } = await setup(5, 1);
		await seats.book(users[0], event.slug, 'S1');
		const err = await seats.book(users[0], event.slug, 'S2').catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('seat_overlap');
		expect(err.details).toMatchObject({ session: 'Bio roadshow（中）', other: 'AI forum（中）' });
		// Touching sessions do not overlap.
		expect((await seats.book(users[0], event.slug, 'S3')).status).toBe('booked');
	});

	it('promotes the first waiting person on cancellation, FIFO also with simultaneous cancellations, and mails them', async () => {
		const { event, main, users } = await setup(3, 8);
		for (const u of users) await seats.book(u, event.slug, 'S1');
		await Promise.all([0, 1].map((i) => seats.cancel(users[i], event.slug, 'S1')));
		const rows = await db.select({ userId: seatBookings.userId, status: seatBookings.status }).from(seatBookings).where(eq(seatBookings.sessionId, main.id)).orderBy(asc(seatBookings.seq));
		expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'booked', 'booked', 'booked', 'waitlisted', 'waitlisted', 'waitlisted']);
		const mails = await db.select({ kind: outbox.kind }).from(outbox).where(and(eq(outbox.to, users[3].email), eq(outbox.kind, 'seat.promoted')));
		expect(mails).toHaveLength(1);
	});

	it('needs an approved registration; cancelling the registration gives seats back', async () => {
		const { event, main, users } = await setup(1, 2);
		const stranger = await makeUser();
		expect(await code(seats.book(stranger, event.slug, 'S1'))).toBe('registration_required');
		await seats.book(users[0], event.slug, 'S1');
		expect((await seats.book(users[1], event.slug, 'S1')).status).toBe('waitlisted');
		const mine = await registrations.mineFor(users[0], event.slug);
		await registrations.cancel(users[0], mine!.registration.id);
		expect((await seats.availability([main.id])).get(main.id)).toEqual({ capacity: 1, booked: 1, waitlisted: 0, remaining: 0 });
		expect((await seats.mine(users[1], event.slug)).map((s) => [s.code, s.status])).toEqual([['S1', 'booked']]);
	});
});
