import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { programSessions, rooms, venues } from '$lib/server/schedule/tables';
import * as partners from '$lib/server/partners';
import * as schedule from '$lib/server/schedule';
import type { Actor } from '$lib/server/auth/access';
import type { ProjectInput } from '$lib/schemas/partners';
import { makeSetup, nominee } from './helpers';

useTestDatabase();
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ptn-proj-'));
const { projects, delegates } = partners;
const PDF = new TextEncoder().encode('%PDF-1.4\n% demo\n');

async function withDelegate(quota = 2) {
	const s = await makeSetup({ projectQuota: quota });
	const d = await delegates.nominate(s.rep, s.event.id, nominee(1));
	const input: ProjectInput = { delegateId: d.id, titleZh: '项目', titleEn: 'Project', field: 'ai', stage: 'idea', fundingSought: 100000, summary: 'A demo.' };
	return { ...s, delegateId: d.id, input };
}

async function roadshow(eventId: string, start: string, end: string, kind: 'roadshow' | 'forum' = 'roadshow') {
	const [v] = await db.insert(venues).values({ eventId, name: { zh: '馆', en: 'Hall' } }).returning();
	const [r] = await db.insert(rooms).values({ eventId, venueId: v.id, name: { zh: '厅', en: 'Room' } }).returning();
	const [s] = await db
		.insert(programSessions)
		.values({ eventId, code: `R${Math.random().toString(36).slice(2, 7)}`, title: { zh: '路演', en: 'Roadshow' }, kind, roomId: r.id, startsAt: new Date(start), endsAt: new Date(end) })
		.returning();
	return s;
}

describe('projects', () => {
	it('are submitted within the project quota, with the deck readable only by the partner and organizers', async () => {
		const s = await withDelegate(2);
		const p1 = await projects.submit(s.rep, s.event.id, s.input, PDF);
		await projects.submit(s.rep, s.event.id, { ...s.input, titleEn: 'Second' }, null);
		await expect(projects.submit(s.rep, s.event.id, { ...s.input, titleEn: 'Third' }, null)).rejects.toMatchObject({ code: 'project_quota_full' });
		expect((await projects.deck(s.rep, p1.id)).bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect((await projects.deck(s.organizer, p1.id)).bytes.length).toBe(PDF.length);
		const other = await makeSetup();
		await expect(projects.deck(other.rep, p1.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(projects.list(other.rep, s.event.id, s.partner.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(p1.deckPath).toMatch(/^decks\/[0-9a-f-]{36}\.pdf$/);
	});

	it("refuse another partner's delegate", async () => {
		const s = await withDelegate();
		const other = await withDelegate();
		await expect(projects.submit(s.rep, s.event.id, { ...s.input, delegateId: other.delegateId }, null)).rejects.toMatchObject({ code: 'invalid_input' });
	});

	it('get a pitch slot inside a roadshow session, checked against the draft and published with the next release', async () => {
		const s = await withDelegate(3);
		const a = await projects.submit(s.rep, s.event.id, s.input, null);
		const b = await projects.submit(s.rep, s.event.id, { ...s.input, titleZh: '乙', titleEn: 'B' }, null);
		// 14:00–15:00 in Dalian (UTC+8).
		const session = await roadshow(s.event.id, '2026-07-08T06:00:00Z', '2026-07-08T07:00:00Z');
		const forum = await roadshow(s.event.id, '2026-07-08T06:00:00Z', '2026-07-08T07:00:00Z', 'forum');
		await expect(projects.placePitch(s.organizer, { projectId: a.id, sessionId: session.id, start: '14:00', minutes: 10 })).rejects.toMatchObject({ code: 'not_shortlisted' });
		await projects.setShortlisted(s.organizer, a.id, true);
		await projects.setShortlisted(s.organizer, b.id, true);
		await expect(projects.setShortlisted(s.rep, a.id, true)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(projects.placePitch(s.organizer, { projectId: a.id, sessionId: forum.id, start: '14:00', minutes: 10 })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(projects.placePitch(s.organizer, { projectId: a.id, sessionId: session.id, start: '14:55', minutes: 10 })).rejects.toMatchObject({ code: 'pitch_outside_session' });
		await expect(projects.placePitch(s.organizer, { projectId: a.id, sessionId: session.id, start: '13:50', minutes: 10 })).rejects.toMatchObject({ code: 'pitch_outside_session' });
		await projects.placePitch(s.organizer, { projectId: a.id, sessionId: session.id, start: '14:10', minutes: 15 });
		await expect(projects.placePitch(s.organizer, { projectId: b.id, sessionId: session.id, start: '14:20', minutes: 10 })).rejects.toMatchObject({ code: 'pitch_overlap' });
		await projects.placePitch(s.organizer, { projectId: b.id, sessionId: session.id, start: '14:25', minutes: 10 });

		// Placed in the draft: the organizers see it waiting for a release; the partner sees no slot yet.
		const pitchOf = async (actor: Actor) => (await projects.list(actor, s.event.id, s.partner.id)).map((p) => [p.title.en, p.pitch, p.sessionId, p.pitchMinutes]);
		expect(await pitchOf(s.organizer)).toEqual([
			['Project', 'unpublished', session.id, 15],
			['B', 'unpublished', session.id, 10]
		]);
		expect(await pitchOf(s.rep)).toEqual([
			['Project', 'none', null, null],
			['B', 'none', null, null]
		]);
		expect((await projects.roadshows(s.organizer, s.event.id)).map((r) => [r.id, r.published, r.timeZone])).toEqual([[session.id, false, 'Asia/Shanghai']]);

		const v1 = await schedule.editor.release(s.organizer, s.event.id, { name: 'v1', note: null, overrides: {} });
		expect(v1.snapshot.pitches!.map((p) => [p.title.en, p.sessionId, p.startsAt, p.minutes, p.presenter, p.partnerId])).toEqual([
			['Project', session.id, '2026-07-08T06:10:00.000Z', 15, 'Nominee 1', s.partner.id],
			['B', session.id, '2026-07-08T06:25:00.000Z', 10, 'Nominee 1', s.partner.id]
		]);
		const view = async (locale: 'en' | 'zh-CN', tz: string | null = null) => {
			const { release } = await schedule.program(null, s.event.slug);
			return schedule.view.resolve(release.snapshot, locale, tz).find((x) => x.id === session.id)!.pitches.map((p) => [p.title, p.partner, p.start, p.end]);
		};
		expect(await view('en')).toEqual([
			['Project', s.partner.name.en, '14:10', '14:25'],
			['B', s.partner.name.en, '14:25', '14:35']
		]);
		expect(await view('zh-CN', 'Europe/Berlin')).toEqual([
			['项目', s.partner.name.zh, '08:10', '08:25'],
			['乙', s.partner.name.zh, '08:25', '08:35']
		]);
		expect(await pitchOf(s.organizer)).toEqual([
			['Project', 'published', session.id, 15],
			['B', 'published', session.id, 10]
		]);
		expect(await pitchOf(s.rep)).toEqual([
			['Project', 'published', session.id, 15],
			['B', 'published', session.id, 10]
		]);

		// Leaving the shortlist clears the slot in the draft; the public keeps the release until the next one,
		// which reports the roadshow as updated.
		await projects.setShortlisted(s.organizer, b.id, false);
		expect(await view('en')).toHaveLength(2);
		expect(await schedule.editor.preview(s.organizer, s.event.id)).toEqual([{ sessionId: session.id, code: session.code, kinds: ['updated'] }]);
		const v2 = await schedule.editor.release(s.organizer, s.event.id, { name: 'v2', note: null, overrides: {} });
		expect(v2.changes).toEqual([{ sessionId: session.id, code: session.code, kinds: ['updated'] }]);
		expect(await view('en')).toEqual([['Project', s.partner.name.en, '14:10', '14:25']]);

		// The session moves an hour later in the draft: the placed slot no longer fits, so it is flagged and
		// the next release does not publish it.
		await db.update(programSessions).set({ startsAt: new Date('2026-07-08T07:00:00Z'), endsAt: new Date('2026-07-08T08:00:00Z') }).where(eq(programSessions.id, session.id));
		expect((await pitchOf(s.organizer))[0]).toEqual(['Project', 'outside', session.id, 15]);
		const v3 = await schedule.editor.release(s.organizer, s.event.id, { name: 'v3', note: null, overrides: {} });
		expect(v3.snapshot.pitches).toEqual([]);
		expect(v3.changes).toEqual([{ sessionId: session.id, code: session.code, kinds: ['moved'] }]);
		expect(await view('en')).toEqual([]);
		expect(await pitchOf(s.rep)).toEqual([
			['Project', 'none', null, null],
			['B', 'none', null, null]
		]);
	});

	it('are not published for a roadshow that exists only in the draft', async () => {
		const s = await withDelegate();
		const released = await roadshow(s.event.id, '2026-07-08T06:00:00Z', '2026-07-08T07:00:00Z');
		await schedule.editor.release(s.organizer, s.event.id, { name: 'v1', note: null, overrides: {} });
		const draftOnly = await roadshow(s.event.id, '2026-07-09T06:00:00Z', '2026-07-09T07:00:00Z');
		const p = await projects.submit(s.rep, s.event.id, s.input, null);
		await projects.setShortlisted(s.organizer, p.id, true);
		await projects.placePitch(s.organizer, { projectId: p.id, sessionId: draftOnly.id, start: '14:00', minutes: 10 });
		expect((await projects.roadshows(s.organizer, s.event.id)).map((r) => [r.id, r.published])).toEqual([
			[released.id, true],
			[draftOnly.id, false]
		]);
		const { release } = await schedule.program(null, s.event.slug);
		expect(schedule.view.resolve(release.snapshot, 'en').map((x) => x.id)).toEqual([released.id]);
		expect(release.snapshot.pitches).toEqual([]);
		expect((await projects.list(s.rep, s.event.id, s.partner.id)).map((x) => [x.pitch, x.sessionId, x.pitchStartsAt])).toEqual([['none', null, null]]);
	});
});
