/**
 * Calendar and open-data feeds, read back by independent parsers: node-ical for iCalendar (every
 * field compared, across the end of DST in Vancouver on 2026-11-01), fast-xml-free checks of the frab
 * XML elements, and the frab JSON against the c3voc schema's required keys.
 */
import { describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import * as schedule from '$lib/server/schedule';
import { makeProgram } from './fixture';

useTestDatabase();
const opts = { locale: 'en' as const, baseUrl: 'https://week.example.com', host: 'week.example.com' };

async function released() {
	const p = await makeProgram();
	const org = await makeUser('organizer');
	await schedule.editor.release(org, p.event.id, { name: 'v1', note: null, overrides: {} });
	return { ...p, org };
}

function events(text: string) {
	const parsed = ical.sync.parseICS(text);
	return Object.values(parsed).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
}

describe('program.ics', () => {
	it('round-trips every field through node-ical, across the DST change in Vancouver', async () => {
		const p = await released();
		const { body } = await schedule.programIcs(p.event.slug, opts);
		expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
		for (const line of body.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
		const evs = events(body);
		// The break is not in the feed, the unscheduled session neither.
		expect(evs.map((e) => e.uid).sort()).toEqual(['S1', 'S2', 'V1', 'V2'].map((c) => `${p.s(c).id}@week.example.com`).sort());
		const v1 = evs.find((e) => e.uid.startsWith(p.s('V1').id))!;
		const v2 = evs.find((e) => e.uid.startsWith(p.s('V2').id))!;
		// 10:00 PDT (UTC-7) on the 31st, 10:00 PST (UTC-8) on 2 November.
		expect(v1.start.toISOString()).toBe('2026-10-31T17:00:00.000Z');
		expect(v1.end!.toISOString()).toBe('2026-10-31T19:00:00.000Z');
		expect(v2.start.toISOString()).toBe('2026-11-02T18:00:00.000Z');
		expect(v2.end!.toISOString()).toBe('2026-11-02T20:00:00.000Z');
		expect((v1.start as ical.DateWithTimeZone).tz).toBe('America/Vancouver');
		expect((v2.start as ical.DateWithTimeZone).tz).toBe('America/Vancouver');
		expect(body).toContain('DTSTART;TZID=America/Vancouver:20261031T100000');
		expect(body).toContain('DTSTART;TZID=America/Vancouver:20261102T100000');
		expect(v1.summary).toBe('Vancouver recruiting (PDT)');
		expect(v1.description).toBe('Before DST ends.\n\nAlice Example (Example University)');
		expect(v1.location).toBe('Vancouver Room, Vancouver venue, Vancouver');
		expect(v1.geo).toEqual({ lat: 49.28, lon: -123.12 });
		expect((v1.url as unknown as { val?: string })?.val ?? v1.url).toBe(`https://week.example.com/events/${p.event.slug}/sessions/V1`);
		expect(v1.categories).toEqual(['recruiting', 'New energy']);
		expect(v1.status).toBe('CONFIRMED');
		expect(Number(v1.sequence)).toBe(0);
		const s1 = evs.find((e) => e.uid.startsWith(p.s('S1').id))!;
		expect(s1.start.toISOString()).toBe('2026-10-30T01:00:00.000Z');
		expect((s1.start as ical.DateWithTimeZone).tz).toBe('Asia/Shanghai');
		// A VTIMEZONE for each zone used, with both transitions of 2026 for Vancouver.
		const tzs = Object.values(ical.sync.parseICS(body)).filter((c) => c?.type === 'VTIMEZONE') as unknown as { tzid: string }[];
		expect(tzs.map((z) => z.tzid).sort()).toEqual(['America/Vancouver', 'Asia/Shanghai']);
		expect(body).toMatch(/TZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nDTSTART:20261101T020000/);
	});

	it('raises SEQUENCE on each release that changes a session, and marks cancellations', async () => {
		const p = await released();
		const { programSessions } = await import('$lib/server/schedule/tables');
		const { db } = await import('$lib/server/db');
		const { eq } = await import('drizzle-orm');
		await db.update(programSessions).set({ status: 'cancelled' }).where(eq(programSessions.id, p.s('S2').id));
		await schedule.editor.release(p.org, p.event.id, { name: 'v2', note: null, overrides: {} });
		await db.update(programSessions).set({ endsAt: new Date('2026-10-30T02:30:00Z') }).where(eq(programSessions.id, p.s('S1').id));
		await schedule.editor.release(p.org, p.event.id, { name: 'v3', note: null, overrides: {} });
		const evs = events((await schedule.programIcs(p.event.slug, opts)).body);
		const by = (c: string) => evs.find((e) => e.uid === `${p.s(c).id}@week.example.com`)!;
		expect(by('S2').status).toBe('CANCELLED');
		expect(Number(by('S2').sequence)).toBe(1);
		expect(Number(by('S1').sequence)).toBe(1);
		expect(by('S1').end!.toISOString()).toBe('2026-10-30T02:30:00.000Z');
		expect(Number(by('V1').sequence)).toBe(0);
	});

	it('gives one feed per track, one file per session, and titles in the language asked', async () => {
		const p = await released();
		const track = events((await schedule.programIcs(p.event.slug, { ...opts, track: 'energy' })).body);
		expect(track.map((e) => e.summary).sort()).toEqual(['Vancouver recruiting (PDT)', 'Vancouver recruiting (PST)']);
		const one = events((await schedule.programIcs(p.event.slug, { ...opts, locale: 'zh-CN', code: 'S1' })).body);
		expect(one.map((e) => [e.uid, e.summary])).toEqual([[`${p.s('S1').id}@week.example.com`, '开幕式']]);
		await expect(schedule.programIcs(p.event.slug, { ...opts, track: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('personal agenda feed', () => {
	it('lists starred sessions at a secret URL that rotation invalidates', async () => {
		const p = await released();
		const me = await makeUser('attendee');
		await schedule.agenda.star(me, p.s('V2').id);
		await schedule.agenda.star(me, p.s('S1').id);
		await schedule.agenda.star(me, p.s('S1').id); // idempotent
		const t1 = await schedule.agenda.rotateFeedToken(me);
		const evs = events(await schedule.agendaIcs(t1, opts));
		expect(evs.map((e) => e.summary).sort()).toEqual(['Opening', 'Vancouver recruiting (PST)']);
		const t2 = await schedule.agenda.rotateFeedToken(me);
		expect(t2).not.toBe(t1);
		await expect(schedule.agendaIcs(t1, opts)).rejects.toMatchObject({ code: 'not_found' });
		await schedule.agenda.unstar(me, p.s('S1').id);
		expect(events(await schedule.agendaIcs(t2, opts)).map((e) => e.summary)).toEqual(['Vancouver recruiting (PST)']);
	});
	it('refuses to star a session that is not published', async () => {
		const p = await released();
		const me = await makeUser('attendee');
		await expect(schedule.agenda.star(me, p.s('T1').id)).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('frab schedule', () => {
	it('JSON has every element the format requires', async () => {
		const p = await released();
		const { body } = await schedule.frab(p.event.slug, 'json', opts);
		const doc = JSON.parse(body);
		expect(doc.$schema).toBe('https://c3voc.de/schedule/schema.json');
		const sch = doc.schedule;
		expect(sch.version).toBe('v1');
		expect(sch.base_url).toBe(`https://week.example.com/events/${p.event.slug}/`);
		const c = sch.conference;
		for (const k of ['acronym', 'title', 'start', 'end', 'daysCount', 'timeslot_duration', 'time_zone_name', 'rooms', 'days']) expect(c, k).toHaveProperty(k);
		expect(c.time_zone_name).toBe('Asia/Shanghai');
		expect(c.daysCount).toBe(c.days.length);
		expect(c.days.map((d: { date: string }) => d.date)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
		const all = c.days.flatMap((d: { rooms: Record<string, unknown[]> }) => Object.values(d.rooms).flat()) as Record<string, unknown>[];
		const required = ['guid', 'id', 'date', 'start', 'duration', 'room', 'slug', 'url', 'title', 'subtitle', 'track', 'type', 'language', 'abstract', 'description', 'persons', 'links', 'attachments', 'recording_license', 'do_not_record'];
		for (const e of all) for (const k of required) expect(e, `${e.slug} ${k}`).toHaveProperty(k);
		const v1 = all.find((e) => e.guid === p.s('V1').id)!;
		// Wall time in the conference zone; the full instant with its offset in `date`.
		expect(v1).toMatchObject({ start: '01:00', duration: '02:00', room: 'Vancouver Room', date: '2026-11-01T01:00:00+08:00', type: 'recruiting', language: 'en', track: 'New energy' });
		expect(v1.persons).toEqual([{ id: 1, guid: p.speakers.alice.id, code: 'alice', name: 'Alice Example', public_name: 'Alice Example', biography: null }]);
		const day1 = c.days[0];
		for (const k of ['index', 'date', 'day_start', 'day_end', 'rooms']) expect(day1).toHaveProperty(k);
		expect(Object.keys(day1.rooms)).toEqual(['Main Hall', 'Room 201']);
	});

	it('XML has schedule/version/conference/day/room/event with every child element', async () => {
		const p = await released();
		const { body } = await schedule.frab(p.event.slug, 'xml', opts);
		expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<schedule>')).toBe(true);
		expect(body).toContain('<version>v1</version>');
		for (const k of ['acronym', 'title', 'start', 'end', 'days', 'timeslot_duration', 'base_url', 'time_zone_name']) expect(body).toMatch(new RegExp(`<conference>[\\s\\S]*<${k}>[^<]+</${k}>[\\s\\S]*</conference>`));
		const dayTags = body.match(/<day [^>]+>/g)!;
		expect(dayTags[0]).toMatch(/^<day index="1" date="2026-10-30" start="2026-10-30T00:00:00\+08:00" end="2026-10-30T23:59:00\+08:00">$/);
		const eventsXml = body.match(/<event [\s\S]*?<\/event>/g)!;
		expect(eventsXml).toHaveLength(5);
		for (const e of eventsXml)
			for (const k of ['date', 'start', 'duration', 'room', 'slug', 'url', 'recording', 'title', 'subtitle', 'track', 'type', 'language', 'abstract', 'description', 'persons', 'links', 'attachments'])
				expect(e, k).toMatch(new RegExp(`<${k}(>|/>)`));
		expect(body).toMatch(/<room name="Vancouver Room" guid="[0-9a-f-]{36}">\n<event guid="[0-9a-f-]{36}" id="1">/);
		expect(body).toContain('<person id="1" guid="');
		// Well-formed enough for a strict reader: every opened element is closed.
		const opens = (body.match(/<(day|room|event|persons|recording)[ >]/g) ?? []).length;
		const closes = (body.match(/<\/(day|room|event|persons|recording)>/g) ?? []).length;
		expect(opens).toBe(closes);
	});
});

describe('sessions API', () => {
	it('lists the published program with zones and sequence', async () => {
		const p = await released();
		const { body } = await schedule.sessionsApi(p.event.slug, 'en');
		expect(body.release.version).toBe(1);
		const v2 = body.sessions.find((s) => s.code === 'V2')!;
		expect(v2).toMatchObject({ id: p.s('V2').id, startsAt: '2026-11-02T18:00:00.000Z', timeZone: 'America/Vancouver', track: 'energy', kind: 'recruiting', status: 'confirmed', sequence: 0 });
		expect(body.sessions.map((s) => s.code).sort()).toEqual(['B1', 'S1', 'S2', 'V1', 'V2']);
	});
});
