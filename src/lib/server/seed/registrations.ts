/**
 * Demo seat bookings: approved people hold seats in the sessions that need booking, without
 * overlaps; the smallest session is full with a short waitlist; the demo attendee has one seat.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { programSessions } from '../schedule/tables';
import { registrations, seatBookings } from '../registrations/tables';
import { users } from '../auth/tables';
import { overlaps } from '../registrations/rules';

export async function seedRegistrations(tx: Tx, ctx: { eventId: string }) {
	const sessions = await tx
		.select({ id: programSessions.id, capacity: programSessions.capacity, startsAt: programSessions.startsAt, endsAt: programSessions.endsAt })
		.from(programSessions)
		.where(and(eq(programSessions.eventId, ctx.eventId), eq(programSessions.requiresBooking, true)))
		.orderBy(asc(programSessions.startsAt));
	const people = await tx
		.select({ id: registrations.id, userId: registrations.userId, email: users.email })
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(and(eq(registrations.eventId, ctx.eventId), eq(registrations.status, 'approved')))
		.orderBy(asc(registrations.seq));
	const bookedIn = new Map<string, number>();
	const held = new Map<string, { startsAt: Date; endsAt: Date }[]>();
	const rows: (typeof seatBookings.$inferInsert)[] = [];
	const smallest = sessions.reduce<(typeof sessions)[number] | null>((a, s) => (s.capacity !== null && (!a || (a.capacity ?? Infinity) > s.capacity) ? s : a), null);
	const attendee = people.find((p) => p.email === 'attendee@example.com');
	sessions.forEach((s, i) => {
		if (!s.startsAt || !s.endsAt) return;
		const range = { startsAt: s.startsAt, endsAt: s.endsAt };
		const full = s.id === smallest?.id;
		const target = full ? (s.capacity ?? 0) + 5 : Math.floor((s.capacity ?? 50) * 0.6);
		let booked = 0;
		let n = 0;
		for (let k = 0; k < people.length && n < target; k++) {
			const p = people[(k + i * 17) % people.length];
			if (p === attendee) continue;
			const mine = held.get(p.userId) ?? [];
			if (mine.some((h) => overlaps(h, range))) continue;
			const status = s.capacity !== null && booked >= s.capacity ? 'waitlisted' : 'booked';
			if (status === 'booked') {
				booked++;
				mine.push(range);
				held.set(p.userId, mine);
			}
			rows.push({ sessionId: s.id, eventId: ctx.eventId, registrationId: p.id, userId: p.userId, status });
			n++;
		}
		bookedIn.set(s.id, booked);
	});
	const open = sessions.find((s) => s.capacity === null || (bookedIn.get(s.id) ?? 0) < s.capacity);
	if (attendee && open) rows.push({ sessionId: open.id, eventId: ctx.eventId, registrationId: attendee.id, userId: attendee.userId, status: 'booked' });
	for (let i = 0; i < rows.length; i += 200) await tx.insert(seatBookings).values(rows.slice(i, i + 200));
}
