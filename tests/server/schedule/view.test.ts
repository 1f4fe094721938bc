import { describe, expect, it } from 'vitest';
import { filterSessions, nowAndNext, overlapping, resolve, viewerZone } from '$lib/server/schedule/view';
import type { ProgramSnapshot } from '$lib/server/schedule/snapshot';

const t = (zh: string, en: string) => ({ zh, en });
const snap: ProgramSnapshot = {
	event: { id: 'e', slug: 'ev', name: t('周', 'Week'), city: t('大连', 'Dalian'), timeZone: 'Asia/Shanghai', startDate: '2026-07-06', endDate: '2026-07-07' },
	venues: [
		{ id: 'v1', name: t('中心', 'Center'), address: null, city: t('大连', 'Dalian'), kind: 'conference', timeZone: null, latitude: 38.8, longitude: 121.5 },
		{ id: 'v2', name: t('温哥华', 'Vancouver'), address: null, city: t('温哥华', 'Vancouver'), kind: 'abroad', timeZone: 'America/Vancouver', latitude: null, longitude: null }
	],
	rooms: [
		{ id: 'r1', venueId: 'v1', name: t('主会场', 'Main'), capacity: 100, position: 0 },
		{ id: 'r2', venueId: 'v2', name: t('温哥华厅', 'YVR'), capacity: 50, position: 1 }
	],
	tracks: [{ id: 't1', slug: 'ai', name: t('人工智能', 'AI'), color: '#000000' }],
	speakers: [{ id: 'p1', slug: 'ann', name: t('安', 'Ann Example'), organization: null, title: null, bio: null, photo: null }],
	partners: [],
	sessions: [
		{ id: 'a', code: 'A', title: t('开幕', 'Opening'), abstract: null, kind: 'opening', trackId: null, roomId: 'r1', startsAt: '2026-07-06T01:00:00.000Z', endsAt: '2026-07-06T02:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'confirmed', speakerIds: ['p1'] },
		{ id: 'b', code: 'B', title: t('论坛', 'AI forum'), abstract: null, kind: 'forum', trackId: 't1', roomId: 'r1', startsAt: '2026-07-06T01:30:00.000Z', endsAt: '2026-07-06T03:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'confirmed', speakerIds: [] },
		{ id: 'c', code: 'C', title: t('揽才', 'Recruiting'), abstract: null, kind: 'recruiting', trackId: null, roomId: 'r2', startsAt: '2026-07-06T17:00:00.000Z', endsAt: '2026-07-06T19:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'confirmed', speakerIds: [], sequence: 2 }
	]
};

describe('program view', () => {
	it('shows times in the venue zone, or the viewer’s', () => {
		const list = resolve(snap, 'en');
		expect(list.find((s) => s.code === 'C')).toMatchObject({ date: '2026-07-06', start: '10:00', end: '12:00', zoneLabel: 'PDT', venueZone: 'America/Vancouver', sequence: 2 });
		expect(list.find((s) => s.code === 'A')).toMatchObject({ start: '09:00', zoneLabel: 'GMT+8' });
		const mine = resolve(snap, 'en', 'Europe/Berlin');
		expect(mine.find((s) => s.code === 'C')).toMatchObject({ date: '2026-07-06', start: '19:00', zone: 'Europe/Berlin', venueZone: 'America/Vancouver' });
		expect(viewerZone('Not/AZone')).toBeNull();
		expect(viewerZone('Europe/Berlin')).toBe('Europe/Berlin');
	});
	it('filters by day, track, venue, kind and searches both languages and speakers', () => {
		const list = resolve(snap, 'en');
		const codes = (f: Parameters<typeof filterSessions>[2]) => filterSessions(snap, list, f).map((s) => s.code);
		expect(codes({ track: 'ai' })).toEqual(['B']);
		expect(codes({ venue: 'v2' })).toEqual(['C']);
		expect(codes({ kind: 'opening' })).toEqual(['A']);
		expect(codes({ q: '论坛' })).toEqual(['B']);
		expect(codes({ q: 'ann ex' })).toEqual(['A']);
		expect(codes({ day: '2026-07-07' })).toEqual([]);
	});
	it('finds now and next, and overlaps in an agenda', () => {
		const list = resolve(snap, 'en');
		const nn = nowAndNext(list, new Date('2026-07-06T01:45:00Z'));
		expect(nn.now.map((s) => s.code)).toEqual(['A', 'B']);
		expect(nn.next.map((s) => s.code)).toEqual(['C']);
		expect([...overlapping(list)].sort()).toEqual(['a', 'b']);
	});
});

describe('roadshow pitches in the program view', () => {
	const road: ProgramSnapshot = {
		...snap,
		partners: [{ id: 'w1', slug: 'boston', name: t('波士顿中心', 'Boston Center') }],
		sessions: [
			...snap.sessions,
			{ id: 'd', code: 'D', title: t('路演', 'Roadshow'), abstract: null, kind: 'roadshow', trackId: null, roomId: 'r1', startsAt: '2026-07-06T06:00:00.000Z', endsAt: '2026-07-06T07:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'confirmed', speakerIds: [] },
			{ id: 'x', code: 'X', title: t('取消的路演', 'Cancelled roadshow'), abstract: null, kind: 'roadshow', trackId: null, roomId: 'r1', startsAt: '2026-07-06T08:00:00.000Z', endsAt: '2026-07-06T09:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'cancelled', speakerIds: [] }
		],
		pitches: [
			{ id: 'p1', sessionId: 'd', title: t('电池', 'Battery'), field: 'energy', stage: 'idea', partnerId: 'w1', presenter: 'Bo Sample', startsAt: '2026-07-06T06:10:00.000Z', minutes: 12 },
			{ id: 'p2', sessionId: 'd', title: t('芯片', 'Chip'), field: 'biomed', stage: 'growth', partnerId: 'w1', presenter: 'Ada Example', startsAt: '2026-07-06T06:25:00.000Z', minutes: 12 },
			{ id: 'p3', sessionId: 'x', title: t('机器人', 'Robot'), field: 'equipment', stage: 'idea', partnerId: 'w1', presenter: 'Cy Demo', startsAt: '2026-07-06T08:10:00.000Z', minutes: 12 }
		]
	};

	it('lists each session’s pitches in its language and zone, none for a cancelled session or older releases', () => {
		const list = resolve(road, 'zh-CN');
		expect(list.find((s) => s.code === 'D')!.pitches).toEqual([
			{ id: 'p1', title: '电池', partner: '波士顿中心', presenter: 'Bo Sample', field: 'energy', stage: 'idea', startsAt: '2026-07-06T06:10:00.000Z', start: '14:10', end: '14:22' },
			{ id: 'p2', title: '芯片', partner: '波士顿中心', presenter: 'Ada Example', field: 'biomed', stage: 'growth', startsAt: '2026-07-06T06:25:00.000Z', start: '14:25', end: '14:37' }
		]);
		expect(resolve(road, 'en', 'America/New_York').find((s) => s.code === 'D')!.pitches.map((p) => [p.title, p.partner, p.start])).toEqual([
			['Battery', 'Boston Center', '02:10'],
			['Chip', 'Boston Center', '02:25']
		]);
		expect(list.find((s) => s.code === 'X')!.pitches).toEqual([]);
		expect(list.filter((s) => s.code !== 'D').every((s) => s.pitches.length === 0)).toBe(true);
		// A release made before pitches were part of it has none.
		expect(resolve(snap, 'en').every((s) => s.pitches.length === 0)).toBe(true);
	});

	it('finds a roadshow by the projects pitched in it, in either language', () => {
		const list = resolve(road, 'en');
		expect(filterSessions(road, list, { q: 'battery' }).map((s) => s.code)).toEqual(['D']);
		expect(filterSessions(road, list, { q: '芯片' }).map((s) => s.code)).toEqual(['D']);
	});
});
