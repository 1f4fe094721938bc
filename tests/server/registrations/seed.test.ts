import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { seedDemo } from '$lib/server/seed';
import { seatBookings } from '$lib/server/registrations/tables';
import { programSessions } from '$lib/server/schedule/tables';
import { users } from '$lib/server/auth/tables';
import { scans } from '$lib/server/checkin/tables';
import * as registrations from '$lib/server/registrations';
import { makeUser } from '../../helpers/factory';

useTestDatabase();

describe('demo seat bookings', () => {
	it('never exceed a capacity, never overlap for one person, and give the demo attendee a seat', async () => {
		const { eventId } = await seedDemo();
		const over = await db.execute(sql`
			select s.id from program_sessions s join seat_bookings b on b.session_id = s.id and b.status = 'booked'
			where s.event_id = ${eventId} group by s.id, s.capacity having count(*) > coalesce(s.capacity, 1000000)`);
		expect((over as { rows?: unknown[] }).rows ?? over).toHaveLength(0);
		const clashes = await db.execute(sql`
			select 1 from seat_bookings a join seat_bookings b on a.user_id = b.user_id and a.id < b.id and a.status = 'booked' and b.status = 'booked'
			join program_sessions sa on sa.id = a.session_id join program_sessions sb on sb.id = b.session_id
			where sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at`);
		expect((clashes as { rows?: unknown[] }).rows ?? clashes).toHaveLength(0);
		const [{ waiting }] = await db.select({ waiting: sql<number>`count(*)::int` }).from(seatBookings).where(and(eq(seatBookings.eventId, eventId), eq(seatBookings.status, 'waitlisted')));
		expect(waiting).toBe(5);
		const attendee = await db
			.select({ code: programSessions.code })
			.from(seatBookings)
			.innerJoin(users, eq(users.id, seatBookings.userId))
			.innerJoin(programSessions, eq(programSessions.id, seatBookings.sessionId))
			.where(eq(users.email, 'attendee@example.com'));
		expect(attendee).toHaveLength(1);
	});

	it('filters the organizer list by check-in, split exactly by the admissions the check-in seed made', async () => {
		const organizer = await makeUser('organizer');
		const all = await registrations.list(organizer, 'haichuang-2018', { pageSize: 1 });
		const yes = await registrations.list(organizer, 'haichuang-2018', { checkedIn: 'yes', pageSize: 500 });
		const no = await registrations.list(organizer, 'haichuang-2018', { checkedIn: 'no', pageSize: 1 });
		const [{ n }] = await db
			.select({ n: sql<number>`count(distinct ${scans.registrationId})::int` })
			.from(scans)
			.where(eq(scans.result, 'admitted'));
		expect(n).toBeGreaterThan(10);
		expect(yes.total).toBe(n);
		expect(yes.total + no.total).toBe(all.total);
		expect(yes.items.every((r) => r.status === 'approved')).toBe(true);
	});
});
