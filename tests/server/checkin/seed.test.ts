import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { seedDemo } from '$lib/server/seed';
import * as checkin from '$lib/server/checkin';
import { checkpoints, scans } from '$lib/server/checkin/tables';
import { badges } from '$lib/server/badges/tables';
import { registrations } from '$lib/server/registrations/tables';
import { users } from '$lib/server/auth/tables';
import { makeUser } from '../../helpers/factory';

useTestDatabase();

describe('demo check-in data', () => {
	it('has checkpoints per day, doors, a schedule-following room, and a few hundred scans that the dashboard reads', async () => {
		const { eventId } = await seedDemo();
		const cps = await db.select().from(checkpoints).where(eq(checkpoints.eventId, eventId));
		expect(cps.filter((c) => c.kind === 'entrance').length).toBe(5);
		expect(cps.some((c) => c.rules.followRoomSchedule && c.roomId)).toBe(true);
		expect(cps.some((c) => c.rules.direction === 'exit')).toBe(true);
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(scans).where(eq(scans.eventId, eventId));
		expect(n).toBeGreaterThan(150);
		const [{ future }] = await db.select({ future: sql<number>`count(*)::int` }).from(scans).where(sql`${scans.scannedAt} > now()`);
		expect(future).toBe(0);
		const organizer = await makeUser('organizer');
		const live = await checkin.live(organizer, eventId);
		expect(live.arrived).toBeGreaterThan(100);
		expect(live.noShows).toBe(live.approved - live.arrived);
		expect(live.bins.reduce((s, b) => s + b.n, 0)).toBe(live.checkpoints.reduce((s, c) => s + c.admittedToday, 0));

		// The demo attendee's badge admits at the east door, once.
		const [demo] = await db
			.select({ code: badges.code })
			.from(badges)
			.innerJoin(registrations, eq(registrations.id, badges.registrationId))
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(eq(users.email, 'attendee@example.com'));
		const door = cps.find((c) => c.name.en === 'Expo centre east door')!;
		const staff = { kind: 'user' as const, actor: await makeUser('staff') };
		expect((await checkin.checkIn(staff, { code: demo.code, checkpointId: door.id, scanId: 'demo-scan-1' })).result).toBe('admitted');
		expect((await checkin.checkIn(staff, { code: demo.code, checkpointId: door.id, scanId: 'demo-scan-2' })).result).toBe('already_admitted');
	});
});
