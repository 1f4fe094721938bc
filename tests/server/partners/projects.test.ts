import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { programSessions, rooms, venues } from '$lib/server/schedule/tables';
import * as partners from '$lib/server/partners';
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

	it('get a pitch slot inside a roadshow session, without overlaps, and are listed for the session', async () => {
		const s = await withDelegate(3);
		const a = await projects.submit(s.rep, s.event.id, s.input, null);
		const b = await projects.submit(s.rep, s.event.id, { ...s.input, titleEn: 'B' }, null);
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
		const pitches = await partners.pitchesForSession(session.id);
		expect(pitches.map((p) => [p.title.en, p.startsAt.toISOString(), p.minutes, p.presenter])).toEqual([
			['Project', '2026-07-08T06:10:00.000Z', 15, 'Nominee 1'],
			['B', '2026-07-08T06:25:00.000Z', 10, 'Nominee 1']
		]);
		const mine = await projects.list(s.rep, s.event.id, s.partner.id);
		expect(mine.find((p) => p.id === a.id)).toMatchObject({ status: 'shortlisted', sessionId: session.id, pitchMinutes: 15 });
		// Leaving the shortlist clears the slot.
		await projects.setShortlisted(s.organizer, b.id, false);
		expect((await partners.pitchesForSession(session.id)).map((p) => p.title.en)).toEqual(['Project']);
		const [row] = await db.select().from(programSessions).where(eq(programSessions.id, session.id));
		expect(row.kind).toBe('roadshow');
	});
});
