/** A small program for schedule tests: Dalian plus a Vancouver venue, sessions on both sides of DST. */
import { db } from '$lib/server/db';
import { programSessions, rooms, sessionSpeakers, speakers, tracks, venues } from '$lib/server/schedule/tables';
import { makeEvent } from '../../helpers/factory';
import { zonedTime } from '$lib/time';

export async function makeProgram(extra: { startDate?: string; endDate?: string } = {}) {
	const event = await makeEvent({ startDate: extra.startDate ?? '2026-10-30', endDate: extra.endDate ?? '2026-11-03' });
	const [dl, yvr] = await db
		.insert(venues)
		.values([
			{ eventId: event.id, name: { zh: '会议中心', en: 'Conference Center' }, address: { zh: '黄浦路 1 号', en: '1 Huangpu Road' }, city: { zh: '大连', en: 'Dalian' }, latitude: 38.86, longitude: 121.52, opensAt: '08:00', closesAt: '22:00', position: 0 },
			{ eventId: event.id, name: { zh: '温哥华会场', en: 'Vancouver venue' }, address: { zh: '温哥华', en: 'Vancouver' }, city: { zh: '温哥华', en: 'Vancouver' }, kind: 'abroad' as const, timeZone: 'America/Vancouver', latitude: 49.28, longitude: -123.12, opensAt: '07:00', closesAt: '23:00', position: 1 }
		])
		.returning();
	const [hall, small, van] = await db
		.insert(rooms)
		.values([
			{ eventId: event.id, venueId: dl.id, name: { zh: '主会场', en: 'Main Hall' }, capacity: 500, position: 0 },
			{ eventId: event.id, venueId: dl.id, name: { zh: '会议室 201', en: 'Room 201' }, capacity: 40, position: 1 },
			{ eventId: event.id, venueId: yvr.id, name: { zh: '温哥华厅', en: 'Vancouver Room' }, capacity: 120, position: 2 }
		])
		.returning();
	const [ai, energy] = await db
		.insert(tracks)
		.values([
			{ eventId: event.id, slug: 'ai', name: { zh: '人工智能', en: 'Artificial intelligence' }, color: '#7c3aed', position: 0 },
			{ eventId: event.id, slug: 'energy', name: { zh: '新能源', en: 'New energy' }, color: '#047857', position: 1 }
		])
		.returning();
	const [alice, bob] = await db
		.insert(speakers)
		.values([
			{ eventId: event.id, slug: 'alice', name: { zh: '张爱丽', en: 'Alice Example' }, organization: { zh: '示例大学', en: 'Example University' } },
			{ eventId: event.id, slug: 'bob', name: { zh: '李博', en: 'Bob Sample' }, organization: null }
		])
		.returning();
	const sh = (d: string, t: string) => zonedTime(d, t, 'Asia/Shanghai');
	const vt = (d: string, t: string) => zonedTime(d, t, 'America/Vancouver');
	const sessions = await db
		.insert(programSessions)
		.values([
			{ eventId: event.id, code: 'S1', title: { zh: '开幕式', en: 'Opening' }, abstract: { zh: '开幕。', en: 'The opening.' }, kind: 'opening' as const, roomId: hall.id, startsAt: sh('2026-10-30', '09:00'), endsAt: sh('2026-10-30', '10:00'), capacity: 500 },
			{ eventId: event.id, code: 'S2', title: { zh: 'AI 论坛', en: 'AI forum' }, abstract: null, kind: 'forum' as const, trackId: ai.id, roomId: small.id, startsAt: sh('2026-10-30', '10:00'), endsAt: sh('2026-10-30', '12:00'), capacity: 40 },
			{ eventId: event.id, code: 'V1', title: { zh: '温哥华揽才（夏令时）', en: 'Vancouver recruiting (PDT)' }, abstract: { zh: '夏令时结束前。', en: 'Before DST ends.' }, kind: 'recruiting' as const, trackId: energy.id, roomId: van.id, startsAt: vt('2026-10-31', '10:00'), endsAt: vt('2026-10-31', '12:00'), capacity: 100 },
			{ eventId: event.id, code: 'V2', title: { zh: '温哥华揽才（标准时）', en: 'Vancouver recruiting (PST)' }, abstract: { zh: '夏令时结束后。', en: 'After DST ends.' }, kind: 'recruiting' as const, trackId: energy.id, roomId: van.id, startsAt: vt('2026-11-02', '10:00'), endsAt: vt('2026-11-02', '12:00'), capacity: 100 },
			{ eventId: event.id, code: 'B1', title: { zh: '午餐', en: 'Lunch' }, abstract: null, kind: 'break' as const, roomId: hall.id, startsAt: sh('2026-10-30', '12:00'), endsAt: sh('2026-10-30', '13:00') },
			{ eventId: event.id, code: 'T1', title: { zh: '待排', en: 'Unscheduled' }, abstract: null, kind: 'forum' as const }
		])
		.returning();
	const code = (c: string) => sessions.find((s) => s.code === c)!;
	await db.insert(sessionSpeakers).values([
		{ sessionId: code('S1').id, speakerId: alice.id, position: 0 },
		{ sessionId: code('S2').id, speakerId: bob.id, position: 0 },
		{ sessionId: code('V1').id, speakerId: alice.id, position: 0 }
	]);
	return { event, venues: { dl, yvr }, rooms: { hall, small, van }, tracks: { ai, energy }, speakers: { alice, bob }, s: code };
}
