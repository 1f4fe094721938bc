/** The live dashboard's "inside now" is counted per checkpoint: at each person's last entry into the place. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import * as checkin from '$lib/server/checkin';
import { makeCheckinEvent, scanId } from './fixture';

useTestDatabase();

/** Ten minutes into the event's local day at the earliest, so every scan below falls on "today". */
function intoTheDay(timeZone: string, now = new Date()) {
	const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
	return h * 60 + m >= 15 ? now : new Date(now.getTime() + 15 * 60_000);
}

describe('live: inside now per checkpoint', () => {
	it('counts each person at the entrance they last came in by; an exit counts nobody; a room is its own place', async () => {
		const f = await makeCheckinEvent();
		const east = await f.checkpoint({ kind: 'venue_door', venueId: f.venue.id, name: { zh: '东门', en: 'East door' }, rules: { reentryAllowed: true } });
		const west = await f.checkpoint({ kind: 'venue_door', venueId: f.venue.id, name: { zh: '西门', en: 'West door' }, rules: { reentryAllowed: true } });
		const out = await f.checkpoint({ kind: 'venue_door', venueId: f.venue.id, name: { zh: '出口', en: 'Exit' }, rules: { direction: 'exit' } });
		const hall = await f.checkpoint({ kind: 'session_room', venueId: f.venue.id, roomId: f.room.id, name: { zh: '一号厅', en: 'Hall 1' }, rules: { reentryAllowed: true } });
		const { scanner } = await f.device([east.id, west.id, out.id, hall.id]);
		const [a, b, c, d] = [await f.person(), await f.person(), await f.person(), await f.person()];
		const now = intoTheDay(f.event.timeZone);
		const go = async (code: string, cp: string, min: number) =>
			expect((await checkin.checkIn(scanner, { code, checkpointId: cp, scanId: scanId(), scannedAt: new Date(now.getTime() + min * 60_000).toISOString() }, now)).result).toBe('admitted');
		await go(a.code, east.id, -10); // a: in by the east door
		await go(b.code, east.id, -9); // b: in by the east door, out, back in by the west door
		await go(b.code, out.id, -8);
		await go(b.code, west.id, -7);
		await go(c.code, west.id, -6); // c: in by the west door and out again
		await go(c.code, out.id, -5);
		await go(d.code, east.id, -4); // d: in by the east door, then into the hall
		await go(d.code, hall.id, -3);

		const live = await checkin.live(f.organizer, f.event.id, now);
		const inside = Object.fromEntries(live.checkpoints.map((cp) => [cp.id, cp.inside]));
		expect(inside[east.id]).toBe(2); // a and d
		expect(inside[west.id]).toBe(1); // b
		expect(inside[out.id]).toBe(0);
		expect(inside[hall.id]).toBe(1); // d, counted in the room's own place
		// The entrances of the venue add up to what the door scanner shows as inside the venue.
		expect(inside[east.id] + inside[west.id]).toBe((await checkin.counters(scanner, east.id, now)).insideNow);
		expect(Object.fromEntries(live.checkpoints.map((cp) => [cp.id, cp.admittedToday]))).toMatchObject({ [east.id]: 3, [west.id]: 2, [out.id]: 0, [hall.id]: 1 });
	});
});
