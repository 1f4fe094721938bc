/** CSV export/import round-trips, and a file with bad rows changes nothing and names each line. */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import * as csv from '$lib/server/schedule/csv';
import * as editor from '$lib/server/schedule/editor';
import { makeProgram } from './fixture';

useTestDatabase();

const strip = (d: Awaited<ReturnType<typeof editor.draft>>) =>
	d.sessions.map((s) => ({ ...s, createdAt: null, updatedAt: null })).sort((a, b) => a.code.localeCompare(b.code));

describe('sessions CSV', () => {
	it('round-trips: export then import changes nothing, including Vancouver local times and speakers', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const before = strip(await editor.draft(org, p.event.id));
		const text = await csv.exportCsv(org, p.event.id);
		const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
		expect(rows.find((r) => r.code === 'V2')).toMatchObject({ room: 'Vancouver Room', date: '2026-11-02', start: '10:00', end: '12:00', track: 'energy', kind: 'recruiting', capacity: '100' });
		expect(rows.find((r) => r.code === 'S1')).toMatchObject({ speakers: 'alice', title_zh: '开幕式', requires_booking: 'false' });
		expect(rows.find((r) => r.code === 'T1')).toMatchObject({ date: '', start: '', room: '' });
		const out = await csv.importCsv(org, p.event.id, text, 'en');
		expect(out).toEqual({ ok: true, created: 0, updated: 6 });
		expect(strip(await editor.draft(org, p.event.id))).toEqual(before);
		expect(await csv.exportCsv(org, p.event.id)).toBe(text);
	});

	it('creates new sessions and updates existing ones by code', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const text = await csv.exportCsv(org, p.event.id);
		const extra = '\r\nN1,新场次,"New, with comma",,,forum,ai,Room 201,2026-10-31,14:00,15:30,30,true,confirmed,alice;bob';
		const out = await csv.importCsv(org, p.event.id, text.replace('AI forum', 'AI forum (renamed)') + extra, 'en');
		expect(out).toEqual({ ok: true, created: 1, updated: 6 });
		const d = await editor.draft(org, p.event.id);
		const n1 = d.sessions.find((s) => s.code === 'N1')!;
		expect(n1.title).toEqual({ zh: '新场次', en: 'New, with comma' });
		expect(n1.startsAt!.toISOString()).toBe('2026-10-31T06:00:00.000Z');
		expect(n1.speakerIds).toEqual([p.speakers.alice.id, p.speakers.bob.id]);
		expect(n1.requiresBooking).toBe(true);
		expect(d.sessions.find((s) => s.code === 'S2')!.title.en).toBe('AI forum (renamed)');
	});

	it('reports every bad row with its line and reason and changes nothing', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const before = strip(await editor.draft(org, p.event.id));
		const head = csv.COLUMNS.join(',');
		const text = [
			head,
			'X1,好,Good,,,forum,ai,Room 201,2026-10-31,09:00,10:00,10,false,confirmed,', // line 2: fine
			'X2,坏,"Bad,\nmultiline",,,party,ai,Room 201,2026-10-31,09:00,10:00,,false,confirmed,', // line 3: kind
			'X3,坏,Bad,,,forum,nope,Nowhere,2026-10-31,11:00,10:00,,false,confirmed,ghost', // line 5
			'X1,重复,Dup,,,forum,,,,,,,false,confirmed,' // line 6: duplicate code
		].join('\n');
		const out = await csv.importCsv(org, p.event.id, text, 'en');
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.errors.map((e) => [e.line, e.code, e.field])).toEqual([
			[3, 'X2', 'kind'],
			[5, 'X3', 'track'],
			[5, 'X3', 'room'],
			[5, 'X3', 'speakers'],
			[5, 'X3', 'end'],
			[6, 'X1', 'code']
		]);
		expect(out.errors.find((e) => e.field === 'room')!.message).toBe('No room with this name.');
		expect(strip(await editor.draft(org, p.event.id))).toEqual(before);
	});

	it('refuses a file without the columns, and attendees altogether', async () => {
		const p = await makeProgram();
		const org = await makeUser('organizer');
		const out = await csv.importCsv(org, p.event.id, 'code,title\nA,B', 'en');
		expect(out).toMatchObject({ ok: false, errors: [{ line: 1 }] });
		await expect(csv.exportCsv(await makeUser('attendee'), p.event.id)).rejects.toMatchObject({ code: 'forbidden' });
	});
});
