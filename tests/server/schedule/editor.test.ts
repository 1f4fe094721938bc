/** Organizer verbs on the draft: local times read in the room's zone, moves, nudges, copying breaks. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import * as editor from '$lib/server/schedule/editor';
import { sessionInput, eventInput } from '$lib/schemas/schedule';
import { makeProgram } from './fixture';

useTestDatabase();

describe('sessions typed in local time', () => {
	it('reads a Vancouver room’s times in Vancouver, on both sides of the DST change', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const base = { titleZh: '新', titleEn: 'New', kind: 'recruiting', roomId: p.rooms.van.id, start: '10:00', end: '11:00', speakerIds: [p.speakers.bob.id] };
		const a = await editor.saveSession(org, p.event.id, sessionInput.parse({ ...base, code: 'n1', date: '2026-10-31' }));
		const b = await editor.saveSession(org, p.event.id, sessionInput.parse({ ...base, code: 'N2', date: '2026-11-02' }));
		const d = await editor.draft(org, p.event.id);
		const sa = d.sessions.find((s) => s.id === a)!;
		expect(sa.code).toBe('N1');
		expect(sa.startsAt!.toISOString()).toBe('2026-10-31T17:00:00.000Z');
		expect(d.sessions.find((s) => s.id === b)!.startsAt!.toISOString()).toBe('2026-11-02T18:00:00.000Z');
		expect(sa.speakerIds).toEqual([p.speakers.bob.id]);
		expect(editor.sessionForm(d, sa)).toMatchObject({ date: '2026-10-31', start: '10:00', end: '11:00', roomId: p.rooms.van.id });
	});

	it('refuses a taken code, a room of another event, and attendees', async () => {
		const p = await makeProgram();
		const q = await makeProgram();
		const org = await makeUser('organizer');
		const input = { code: 'S1', titleZh: '重', titleEn: 'Dup', kind: 'forum' };
		await expect(editor.saveSession(org, p.event.id, sessionInput.parse(input))).rejects.toMatchObject({ code: 'invalid_input', fields: { code: ['e_sched_code_taken'] } });
		await expect(editor.saveSession(org, p.event.id, sessionInput.parse({ ...input, code: 'Z9', roomId: q.rooms.hall.id }))).rejects.toMatchObject({ fields: { roomId: ['v_choice'] } });
		await expect(editor.saveSession(await makeUser('attendee'), p.event.id, sessionInput.parse({ ...input, code: 'Z9' }))).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('validates the event form: IANA zone and day order', () => {
		const ok = { nameZh: '周', nameEn: 'Week', cityZh: '大连', cityEn: 'Dalian', timeZone: 'Asia/Shanghai', startDate: '2026-07-06', endDate: '2026-07-10' };
		expect(eventInput.safeParse(ok).success).toBe(true);
		const bad = eventInput.safeParse({ ...ok, timeZone: 'Mars/Olympus', endDate: '2026-07-01' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message]).sort()).toEqual([
			['endDate', 'v_sched_end_before_start'],
			['timeZone', 'v_sched_time_zone']
		]);
	});
});

describe('timetable moves', () => {
	it('moves across rooms keeping the local wall time, nudges by 15 minutes, and back to the tray', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const id = p.s('S2').id;
		await editor.moveSession(org, p.event.id, { sessionId: id, roomId: p.rooms.hall.id, date: '2026-10-30', start: '09:30', end: '10:30' });
		let g = await editor.grid(org, p.event.id, 'en');
		expect(g.sessions.find((s) => s.id === id)).toMatchObject({ roomId: p.rooms.hall.id, date: '2026-10-30', start: '09:30', end: '10:30', conflict: true });
		expect(g.conflicts.map((c) => c.key)).toEqual(['room_double_booked:S1:S2']);
		await editor.nudge(org, p.event.id, id, 'later');
		await editor.nudge(org, p.event.id, id, 'longer');
		await editor.nudge(org, p.event.id, id, 'next_room');
		g = await editor.grid(org, p.event.id, 'en');
		expect(g.sessions.find((s) => s.id === id)).toMatchObject({ roomId: p.rooms.small.id, start: '09:45', end: '11:00', conflict: false });
		expect(g.conflicts).toEqual([]);
		await editor.moveSession(org, p.event.id, { sessionId: id, roomId: null, date: null, start: null, end: null });
		g = await editor.grid(org, p.event.id, 'en');
		expect(g.sessions.find((s) => s.id === id)).toMatchObject({ roomId: null, date: null, start: null });
	});

	it('copies a break into every other room once', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		expect(await editor.copyBreakToAllRooms(org, p.event.id, p.s('B1').id)).toBe(2);
		expect(await editor.copyBreakToAllRooms(org, p.event.id, p.s('B1').id)).toBe(0);
		const d = await editor.draft(org, p.event.id);
		const breaks = d.sessions.filter((s) => s.kind === 'break');
		expect(breaks.map((s) => [s.code, s.roomId, s.startsAt!.toISOString()]).sort()).toEqual(
			[
				['B1', p.rooms.hall.id, '2026-10-30T04:00:00.000Z'],
				['B1-1', p.rooms.small.id, '2026-10-30T04:00:00.000Z'],
				['B1-2', p.rooms.van.id, '2026-10-30T04:00:00.000Z']
			].sort()
		);
		await expect(editor.copyBreakToAllRooms(org, p.event.id, p.s('S1').id)).rejects.toMatchObject({ code: 'invalid_input' });
	});
});
