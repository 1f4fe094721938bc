import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { seedDemo } from '$lib/server/seed';
import * as checkin from '$lib/server/checkin';
import { scans } from '$lib/server/checkin/tables';
import { events } from '$lib/server/events/tables';
import { localDate, zonedTime } from '$lib/time';
import { fitMorning } from '$lib/server/seed/checkin';
import { makeUser } from '../../helpers/factory';

useTestDatabase();

describe('demo check-in data seeded before the doors open', () => {
	it('fits the morning into the hours already past: no scan lies after the moment of seeding', async () => {
		// 07:50 in Dalian, the hour a CI run at 23:50 UTC seeds: before the fix the morning's scans lay ahead.
		const now = zonedTime('2026-12-02', '07:50', 'Asia/Shanghai');
		const { eventId } = await seedDemo(now);
		const [event] = await db.select().from(events).where(eq(events.id, eventId));
		expect(event.timeZone).toBe('Asia/Shanghai');
		const [row] = await db
			.select({ n: sql<number>`count(*)::int`, first: sql<string>`min(${scans.scannedAt})::text`, last: sql<string>`max(${scans.scannedAt})::text` })
			.from(scans)
			.where(eq(scans.eventId, eventId));
		expect(row.n).toBeGreaterThan(150);
		expect(new Date(row.last).getTime()).toBeLessThan(now.getTime());
		expect(localDate(new Date(row.first), event.timeZone)).toBe('2026-12-02');
		expect(new Date(row.last).getTime()).toBeGreaterThan(now.getTime() - 5 * 60_000);
		const organizer = await makeUser('organizer');
		const live = await checkin.live(organizer, eventId, now);
		expect(live.arrived).toBeGreaterThan(100);
		// The chart of today is full: the morning's arrivals are in today's bins.
		expect(live.bins.reduce((n, b) => n + b.n, 0)).toBeGreaterThan(100);
		expect(live.recent.every((r) => new Date(r.at).getTime() < now.getTime())).toBe(true);
	});

	it('keeps a morning once its queue has settled, shifts one seeded earlier, and uses yesterday’s in the first hour', () => {
		const h = 3600_000;
		const midnight = 0;
		const m = { first: 7.75 * h, settled: 9.5 * h, last: 15 * h, midnight };
		expect(fitMorning({ ...m, now: 16 * h })(9 * h)).toBe(9 * h);
		// After the queue has settled the morning stays where it is (the seed drops the scans still to come).
		expect(fitMorning({ ...m, now: 10 * h })(8.5 * h)).toBe(8.5 * h);
		const early = fitMorning({ ...m, now: 9 * h });
		expect(early(15 * h)).toBe(9 * h - 60_000);
		expect(early(15 * h) - early(7.75 * h)).toBe(7.25 * h);
		const night = fitMorning({ ...m, now: 3 * h });
		expect(night(7.75 * h)).toBe(0.25 * h);
		expect(night(15 * h)).toBe(3 * h - 60_000);
		expect(night(8.5 * h)).toBeGreaterThan(night(8 * h));
		expect(fitMorning({ ...m, now: 0.5 * h })(9 * h)).toBe(9 * h - 24 * h);
	});
});
