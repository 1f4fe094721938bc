import { describe, expect, it } from 'vitest';
import {
	findConflicts,
	implausibleLocalTime,
	outsideEventDays,
	outsideVenueHours,
	overRoomCapacity,
	roomDoubleBooked,
	speakerDoubleBooked,
	type DraftSession
} from '$lib/server/schedule/conflicts';
import { zonedTime } from '$lib/time';

const sh = (t: string, d = '2026-07-06') => zonedTime(d, t, 'Asia/Shanghai');
const s = (code: string, over: Partial<DraftSession> = {}): DraftSession => ({
	id: `id-${code}`,
	code,
	roomId: 'r1',
	startsAt: sh('09:00'),
	endsAt: sh('10:00'),
	capacity: null,
	status: 'confirmed',
	speakerIds: [],
	...over
});
const event = { timeZone: 'Asia/Shanghai', startDate: '2026-07-06', endDate: '2026-07-10' };

describe('room double-booked', () => {
	it('finds overlapping sessions in one room, once per pair', () => {
		const out = roomDoubleBooked([s('B', { startsAt: sh('09:30'), endsAt: sh('10:30') }), s('A'), s('C', { startsAt: sh('10:30'), endsAt: sh('11:00') })]);
		expect(out).toEqual([{ key: 'room_double_booked:A:B', kind: 'room_double_booked', sessionIds: ['id-A', 'id-B'], codes: ['A', 'B'], details: { roomId: 'r1' } }]);
	});
	it('ignores back-to-back, other rooms, cancelled and unscheduled sessions', () => {
		expect(
			roomDoubleBooked([
				s('A'),
				s('B', { startsAt: sh('10:00'), endsAt: sh('11:00') }),
				s('C', { roomId: 'r2' }),
				s('D', { status: 'cancelled' }),
				s('E', { startsAt: null, endsAt: null })
			])
		).toEqual([]);
	});
});

describe('speaker in two places', () => {
	it('flags a speaker in overlapping sessions in different rooms', () => {
		const out = speakerDoubleBooked([s('A', { speakerIds: ['p1', 'p2'] }), s('B', { roomId: 'r2', speakerIds: ['p1'], startsAt: sh('09:45'), endsAt: sh('11:00') }), s('C', { roomId: 'r3', speakerIds: ['p2'], startsAt: sh('10:00'), endsAt: sh('11:00') })]);
		expect(out.map((c) => c.key)).toEqual(['speaker_double_booked:A:B:p1']);
	});
});

describe('outside venue hours or event days', () => {
	const venue = { id: 'v', timeZone: null, opensAt: '08:00', closesAt: '18:00' };
	it('flags sessions starting before opening or ending after closing, in the venue zone', () => {
		expect(outsideVenueHours(s('A', { startsAt: sh('07:30'), endsAt: sh('09:00') }), venue, 'Asia/Shanghai')?.key).toBe('outside_venue_hours:A');
		expect(outsideVenueHours(s('B', { startsAt: sh('17:00'), endsAt: sh('18:30') }), venue, 'Asia/Shanghai')?.details).toEqual({ opensAt: '08:00', closesAt: '18:00' });
		expect(outsideVenueHours(s('C', { startsAt: sh('08:00'), endsAt: sh('18:00') }), venue, 'Asia/Shanghai')).toBeNull();
	});
	it('reads hours in the venue’s own zone', () => {
		const yvr = { id: 'y', timeZone: 'America/Vancouver', opensAt: '09:00', closesAt: '17:00' };
		const at = (t: string) => zonedTime('2026-07-07', t, 'America/Vancouver');
		expect(outsideVenueHours(s('A', { startsAt: at('10:00'), endsAt: at('12:00') }), yvr, 'Asia/Shanghai')).toBeNull();
		expect(outsideVenueHours(s('B', { startsAt: at('16:00'), endsAt: at('17:30') }), yvr, 'Asia/Shanghai')?.kind).toBe('outside_venue_hours');
	});
	it('flags a session on a day outside the event', () => {
		expect(outsideEventDays(s('A', { startsAt: sh('09:00', '2026-07-11'), endsAt: sh('10:00', '2026-07-11') }), event, null)?.details).toEqual({ startDate: '2026-07-06', endDate: '2026-07-10' });
		expect(outsideEventDays(s('B', { startsAt: sh('09:00', '2026-07-10'), endsAt: sh('10:00', '2026-07-10') }), event, null)).toBeNull();
	});
});

describe('capacity above the room', () => {
	it('flags more seats than the room holds', () => {
		expect(overRoomCapacity(s('A', { capacity: 81 }), { id: 'r1', venueId: 'v', capacity: 80 })?.details).toEqual({ capacity: 81, roomCapacity: 80 });
		expect(overRoomCapacity(s('B', { capacity: 80 }), { id: 'r1', venueId: 'v', capacity: 80 })).toBeNull();
		expect(overRoomCapacity(s('C', { capacity: 500 }), { id: 'r1', venueId: 'v', capacity: null })).toBeNull();
	});
});

describe('implausible local time abroad', () => {
	const yvr = { id: 'y', timeZone: 'America/Vancouver', opensAt: null, closesAt: null };
	it('flags 3 a.m. local in Vancouver (18:00 in Shanghai)', () => {
		const start = zonedTime('2026-07-07', '18:00', 'Asia/Shanghai'); // 03:00 in Vancouver (PDT)
		const c = implausibleLocalTime(s('A', { startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }), yvr, 'Asia/Shanghai');
		expect(c).toEqual({ key: 'implausible_local_time:A', kind: 'implausible_local_time', sessionIds: ['id-A'], codes: ['A'], details: { localStart: '03:00', timeZone: 'America/Vancouver' } });
	});
	it('accepts 10:00-12:00 local, and ends after 22:00 are flagged', () => {
		const at = (t: string) => zonedTime('2026-07-07', t, 'America/Vancouver');
		expect(implausibleLocalTime(s('A', { startsAt: at('10:00'), endsAt: at('12:00') }), yvr, 'Asia/Shanghai')).toBeNull();
		expect(implausibleLocalTime(s('B', { startsAt: at('21:00'), endsAt: at('22:30') }), yvr, 'Asia/Shanghai')?.kind).toBe('implausible_local_time');
	});
	it('ignores venues in the event’s own zone', () => {
		expect(implausibleLocalTime(s('A', { startsAt: sh('05:00'), endsAt: sh('06:00') }), { id: 'v', timeZone: null, opensAt: null, closesAt: null }, 'Asia/Shanghai')).toBeNull();
	});
});

describe('findConflicts', () => {
	it('combines every rule over a draft', () => {
		const out = findConflicts({
			event,
			venues: [{ id: 'v', timeZone: null, opensAt: '08:00', closesAt: '18:00' }],
			rooms: [{ id: 'r1', venueId: 'v', capacity: 50 }],
			sessions: [s('A', { capacity: 60 }), s('B', { startsAt: sh('09:30'), endsAt: sh('10:30') })]
		});
		expect(out.map((c) => c.key).sort()).toEqual(['over_room_capacity:A', 'room_double_booked:A:B']);
	});
});
