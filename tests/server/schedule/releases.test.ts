/** Releases: refused while conflicts stand (unless overridden with reasons), immutable, with a change list and one mail per person. */
import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { programSessions, releases as releaseTable } from '$lib/server/schedule/tables';
import { outbox } from '$lib/server/mail/tables';
import { categories, registrations, seatBookings } from '$lib/server/registrations/tables';
import * as schedule from '$lib/server/schedule';
import * as releases from '$lib/server/schedule/releases';
import { diffSnapshots, type ProgramSnapshot } from '$lib/server/schedule/snapshot';
import { makeProgram } from './fixture';

useTestDatabase();

describe('release', () => {
	it('is refused while a conflict stands, and accepted when each is overridden with a reason', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		// Put S2 into the main hall over the opening: room double-booked.
		await db.update(programSessions).set({ roomId: p.rooms.hall.id, startsAt: p.s('S1').startsAt, endsAt: p.s('S1').endsAt }).where(eq(programSessions.id, p.s('S2').id));
		const key = 'room_double_booked:S1:S2';
		await expect(schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} })).rejects.toMatchObject({ code: 'conflicts_unresolved', status: 409, details: { keys: [key], count: 1 } });
		await expect(schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: { [key]: '   ' } })).rejects.toMatchObject({ code: 'conflicts_unresolved' });
		expect(await releases.latest(p.event.id)).toBeNull();
		const rel = await schedule.editor.release(org, p.event.id, { name: 'v1', note: 'first', overrides: { [key]: 'Joint session, on purpose' } });
		expect(rel.version).toBe(1);
		expect(rel.overrides).toEqual([{ key, reason: 'Joint session, on purpose' }]);
	});

	it('refuses attendees', async () => {
		const p = await makeProgram();
		const me = await makeUser('attendee');
		await expect(schedule.editor.release(me, p.event.id, { name: 'v1', note: null, overrides: {} })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('never changes once published: later edits go to the draft and the next release', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const v1 = await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
		const frozen = JSON.stringify((await releases.byVersion(p.event.id, 1))!.snapshot);
		await db.update(programSessions).set({ title: { zh: '改', en: 'Changed' }, roomId: p.rooms.small.id, capacity: 10 }).where(eq(programSessions.id, p.s('S1').id));
		await db.delete(programSessions).where(eq(programSessions.id, p.s('B1').id));
		expect(JSON.stringify((await releases.byVersion(p.event.id, 1))!.snapshot)).toBe(frozen);
		expect((await schedule.published(p.event.id))!.releaseId).toBe(v1.id);
		const v2 = await schedule.editor.release(org, p.event.id, { name: 'v2', note: null, overrides: {} });
		expect(v2.version).toBe(2);
		expect(JSON.stringify((await releases.byVersion(p.event.id, 1))!.snapshot)).toBe(frozen);
		expect((await releases.list(p.event.id)).map((r) => r.version)).toEqual([2, 1]);
		const [row] = await db.select().from(releaseTable).where(and(eq(releaseTable.eventId, p.event.id), eq(releaseTable.version, 1)));
		expect(row.id).toBe(v1.id);
	});

	it('lists what changed: new, moved, cancelled, room changed', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const v1 = await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
		expect(v1.changes.every((c) => c.kinds.join() === 'new')).toBe(true);
		expect(v1.changes.map((c) => c.code).sort()).toEqual(['B1', 'S1', 'S2', 'V1', 'V2']);
		await db.update(programSessions).set({ startsAt: new Date('2026-10-30T05:00:00Z'), endsAt: new Date('2026-10-30T06:00:00Z') }).where(eq(programSessions.id, p.s('S1').id));
		await db.update(programSessions).set({ status: 'cancelled' }).where(eq(programSessions.id, p.s('S2').id));
		await db.update(programSessions).set({ roomId: p.rooms.small.id }).where(eq(programSessions.id, p.s('B1').id));
		await db.update(programSessions).set({ roomId: p.rooms.hall.id, startsAt: new Date('2026-10-31T02:00:00Z'), endsAt: new Date('2026-10-31T03:00:00Z') }).where(eq(programSessions.id, p.s('T1').id));
		const v2 = await schedule.editor.release(org, p.event.id, { name: 'v2', note: null, overrides: {} });
		expect(v2.changes.map((c) => [c.code, c.kinds]).sort()).toEqual([
			['B1', ['room_changed']],
			['S1', ['moved']],
			['S2', ['cancelled']],
			['T1', ['new']]
		]);
	});

	it('mails each person who starred changed sessions once, listing all their changes', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
		const ann = await makeUser('attendee', { locale: 'en' });
		const bo = await makeUser('attendee', { locale: 'zh-CN' });
		const cy = await makeUser('attendee');
		await schedule.agenda.star(ann, p.s('S1').id);
		await schedule.agenda.star(ann, p.s('S2').id);
		await schedule.agenda.star(bo, p.s('S2').id);
		await schedule.agenda.star(cy, p.s('V1').id); // unchanged: no mail
		await db.update(programSessions).set({ startsAt: new Date('2026-10-30T05:00:00Z'), endsAt: new Date('2026-10-30T06:00:00Z') }).where(eq(programSessions.id, p.s('S1').id));
		await db.update(programSessions).set({ status: 'cancelled' }).where(eq(programSessions.id, p.s('S2').id));
		await schedule.editor.release(org, p.event.id, { name: 'v2', note: null, overrides: {} });
		const mails = await db.select().from(outbox).where(inArray(outbox.to, [ann.email, bo.email, cy.email]));
		expect(mails.map((m) => m.to).sort()).toEqual([ann.email, bo.email].sort());
		const a = mails.find((m) => m.to === ann.email)!;
		expect(a.kind).toBe('schedule.changes');
		expect(a.subject).toContain('program changes (release 2)');
		expect(a.text).toContain('2 of the sessions you starred changed');
		expect(a.text).toContain('Opening (2026-10-30 13:00): moved to a new time');
		expect(a.text).toContain('AI forum (2026-10-30 10:00): cancelled');
		const b = mails.find((m) => m.to === bo.email)!;
		expect(b.text).toContain('AI 论坛');
		expect(b.text).toContain('已取消');
	});

	it('mails people holding a seat in a changed session too, once with their stars', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
		const dee = await makeUser('attendee', { locale: 'en' });
		const [cat] = await db
			.insert(categories)
			.values({ eventId: p.event.id, slug: 'seat-mail', name: { zh: '测试', en: 'Test' }, capacity: null })
			.returning();
		const [reg] = await db
			.insert(registrations)
			.values({ publicId: 'SEATMAIL01', eventId: p.event.id, userId: dee.id, categoryId: cat.id, status: 'approved' })
			.returning();
		// A seat in S1 and a star on it too: one line, one mail.
		await db.insert(seatBookings).values({ sessionId: p.s('S1').id, eventId: p.event.id, registrationId: reg.id, userId: dee.id, status: 'booked' });
		await schedule.agenda.star(dee, p.s('S1').id);
		await db.update(programSessions).set({ startsAt: new Date('2026-10-30T05:00:00Z'), endsAt: new Date('2026-10-30T06:00:00Z') }).where(eq(programSessions.id, p.s('S1').id));
		await schedule.editor.release(org, p.event.id, { name: 'v2', note: null, overrides: {} });
		const mails = await db.select().from(outbox).where(eq(outbox.to, dee.email));
		expect(mails).toHaveLength(1);
		expect(mails[0].text.match(/moved to a new time/g)).toHaveLength(1);
	});
});

describe('concurrent releases', () => {
	it('numbers racing releases 1..n without a clash', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const out = await Promise.all(Array.from({ length: 6 }, (_, i) => schedule.editor.release(org, p.event.id, { name: `r${i}`, note: null, overrides: {} })));
		expect(out.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
		expect((await releases.list(p.event.id)).map((r) => r.version)).toEqual([6, 5, 4, 3, 2, 1]);
	});
});

describe('diffSnapshots', () => {
	it('reports removed sessions and detail updates', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const v1 = await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
		const next = structuredClone(v1.snapshot);
		next.sessions = next.sessions.filter((s) => s.code !== 'B1');
		next.sessions.find((s) => s.code === 'S1')!.title = { zh: '新', en: 'New title' };
		expect(diffSnapshots(v1.snapshot, next).map((c) => [c.code, c.kinds]).sort()).toEqual([
			['B1', ['removed']],
			['S1', ['updated']]
		]);
	});

	it('reports a roadshow whose line-up of pitches changed as updated', () => {
		const t = (zh: string, en: string) => ({ zh, en });
		const base: ProgramSnapshot = {
			event: { id: 'e', slug: 'ev', name: t('周', 'Week'), city: t('大连', 'Dalian'), timeZone: 'Asia/Shanghai', startDate: '2026-07-06', endDate: '2026-07-07' },
			venues: [],
			rooms: [],
			tracks: [],
			speakers: [],
			partners: [],
			sessions: ['R1', 'R2'].map((code) => ({ id: code.toLowerCase(), code, title: t('路演', 'Roadshow'), abstract: null, kind: 'roadshow', trackId: null, roomId: null, startsAt: '2026-07-06T06:00:00.000Z', endsAt: '2026-07-06T07:00:00.000Z', capacity: null, requiresBooking: false, partnerId: null, status: 'confirmed' as const, speakerIds: [] })),
			pitches: [{ id: 'p1', sessionId: 'r1', title: t('电池', 'Battery'), field: 'energy', stage: 'idea', partnerId: 'w', presenter: 'Bo', startsAt: '2026-07-06T06:10:00.000Z', minutes: 12 }]
		};
		const moved = { ...base, pitches: [{ ...base.pitches![0], startsAt: '2026-07-06T06:20:00.000Z' }] };
		const other = { ...base, pitches: [{ ...base.pitches![0], sessionId: 'r2' }] };
		expect(diffSnapshots(base, structuredClone(base))).toEqual([]);
		expect(diffSnapshots(base, moved)).toEqual([{ sessionId: 'r1', code: 'R1', kinds: ['updated'] }]);
		expect(diffSnapshots(base, other)).toEqual([
			{ sessionId: 'r1', code: 'R1', kinds: ['updated'] },
			{ sessionId: 'r2', code: 'R2', kinds: ['updated'] }
		]);
		// A release from before pitches were published has none: the first one carrying them is an update.
		const { pitches: _p, ...old } = base;
		expect(diffSnapshots(old, base)).toEqual([{ sessionId: 'r1', code: 'R1', kinds: ['updated'] }]);
	});
});
