/**
 * What the public partners page shows of the program comes from the published release only: a
 * satellite event that exists only in the draft, or a draft edit of a released one, stays out of it
 * until the next release.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { programSessions, rooms, venues } from '$lib/server/schedule/tables';
import * as partners from '$lib/server/partners';
import * as schedule from '$lib/server/schedule';
import { makeSetup } from './helpers';

useTestDatabase();

async function abroad(eventId: string, city: { zh: string; en: string }, timeZone: string, lat: number, lon: number) {
	const [v] = await db.insert(venues).values({ eventId, name: { zh: `${city.zh}会场`, en: `${city.en} venue` }, city, kind: 'abroad', timeZone, latitude: lat, longitude: lon }).returning();
	const [r] = await db.insert(rooms).values({ eventId, venueId: v.id, name: { zh: '厅', en: 'Hall' } }).returning();
	return r.id;
}

async function satellite(eventId: string, roomId: string, code: string, start: string, end: string, partnerId: string | null = null) {
	const [s] = await db
		.insert(programSessions)
		.values({ eventId, code, title: { zh: `${code} 揽才活动`, en: `${code} recruiting event` }, kind: 'recruiting', roomId, partnerId, startsAt: new Date(start), endsAt: new Date(end) })
		.returning();
	return s;
}

describe('the public partners page', () => {
	it('shows satellite events of the published release only, at their released times', async () => {
		const { event, partner, organizer } = await makeSetup();
		const vancouver = await abroad(event.id, { zh: '温哥华', en: 'Vancouver' }, 'America/Vancouver', 49.28, -123.12);
		const kyoto = await abroad(event.id, { zh: '京都', en: 'Kyoto' }, 'Asia/Tokyo', 35.01, 135.77);
		// 10:00–12:00 in Vancouver on 7 July.
		const released = await satellite(event.id, vancouver, 'SAT1', '2026-07-07T17:00:00Z', '2026-07-07T19:00:00Z', partner.id);
		await schedule.editor.release(organizer, event.id, { name: 'v1', note: null, overrides: {} });

		// After the release: a new satellite event in Kyoto and a later start in Vancouver, both draft only.
		await satellite(event.id, kyoto, 'SAT2', '2026-07-08T01:00:00Z', '2026-07-08T03:00:00Z');
		await db.update(programSessions).set({ startsAt: new Date('2026-07-07T18:00:00Z'), endsAt: new Date('2026-07-07T20:00:00Z') }).where(eq(programSessions.id, released.id));

		const page = await partners.publicPage(event.id, 'en');
		expect(page.satellites.map((s) => [s.code, s.city?.en, s.startsAt.toISOString(), s.timeZone, s.partnerSlug])).toEqual([['SAT1', 'Vancouver', '2026-07-07T17:00:00.000Z', 'America/Vancouver', partner.slug]]);
		expect(page.map.markers.filter((m) => m.kind === 'satellite').map((m) => m.label)).toEqual(['Vancouver']);

		await schedule.editor.release(organizer, event.id, { name: 'v2', note: null, overrides: {} });
		const after = await partners.publicPage(event.id, 'zh-CN');
		expect(after.satellites.map((s) => [s.code, s.city?.zh, s.startsAt.toISOString(), s.partnerSlug])).toEqual([
			['SAT1', '温哥华', '2026-07-07T18:00:00.000Z', partner.slug],
			['SAT2', '京都', '2026-07-08T01:00:00.000Z', null]
		]);
		expect(after.map.markers.filter((m) => m.kind === 'satellite').map((m) => m.label)).toEqual(['温哥华', '京都']);
	});

	it('shows no satellite events before the first release', async () => {
		const { event } = await makeSetup();
		const room = await abroad(event.id, { zh: '西雅图', en: 'Seattle' }, 'America/Los_Angeles', 47.6, -122.33);
		await satellite(event.id, room, 'SAT9', '2026-07-07T17:00:00Z', '2026-07-07T19:00:00Z');
		const page = await partners.publicPage(event.id, 'en');
		expect(page.satellites).toEqual([]);
		expect(page.map.markers.filter((m) => m.kind === 'satellite')).toEqual([]);
	});
});
