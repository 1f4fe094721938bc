/**
 * The exports against their standards, as outside tools read them (issue 19):
 * - frab JSON (`schedule.json`) validates against the official JSON schema and frab XML
 *   (`schedule.xml`) against the official XSD (`xmllint --schema`, Debian's libxml2-utils), in both
 *   languages. The schemas are unchanged copies in tests/fixtures/frab/ (see SOURCE there).
 * - every iCalendar feed (program, track, session, personal agenda) puts the calendar properties
 *   before the components (RFC 5545 §3.4, checked on the raw text) and parses with two independent
 *   parsers (node-ical and Mozilla's ical.js) to the same events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import nodeIcal from 'node-ical';
import ICAL from 'ical.js';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
const FIXTURES = path.resolve('tests/fixtures/frab');
const LOCALES = ['zh-CN', 'en'] as const;
let app: App;

beforeAll(async () => {
	app = await startApp();
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

describe('frab exports against the official schemas', () => {
	const ajv = new Ajv({ allErrors: true, strict: false });
	ajv.addMetaSchema(draft06);
	addFormats(ajv);
	ajv.addFormat('color', /^#[0-9a-fA-F]{3,8}$/);
	const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'schema.json'), 'utf8')));

	for (const lang of LOCALES) {
		it(`schedule.json (${lang}) is valid against schema.json`, async () => {
			const res = await fetch(`${app.url}/events/${SLUG}/schedule.json?lang=${lang}`);
			expect(res.status).toBe(200);
			const body = await res.json();
			const ok = validate(body);
			expect(validate.errors ?? []).toEqual([]);
			expect(ok).toBe(true);
			expect(body.schedule.conference.acronym).toBe('haichuang_2018');
			const events = Object.values(body.schedule.conference.days as { rooms: Record<string, unknown[]> }[]).flatMap((d) => Object.values(d.rooms).flat());
			expect(events.length).toBeGreaterThan(60);
		});

		it(`schedule.xml (${lang}) is valid against schedule.xml.xsd`, async () => {
			const res = await fetch(`${app.url}/events/${SLUG}/schedule.xml?lang=${lang}`);
			expect(res.status).toBe(200);
			const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frab-')), `schedule-${lang}.xml`);
			fs.writeFileSync(file, await res.text());
			let out = '';
			try {
				out = execFileSync('xmllint', ['--noout', '--schema', path.join(FIXTURES, 'schedule.xml.xsd'), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
			} catch (e) {
				const err = e as { stderr?: string; stdout?: string };
				throw new Error(`xmllint refused ${lang}: ${(err.stderr ?? '').slice(0, 3000)}`);
			}
			expect(out).toBe('');
		});
	}
});

/** Top-level lines of a calendar, unfolded: the property names and BEGIN/END of components at depth 1. */
function topLevel(text: string): string[] {
	const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
	const out: string[] = [];
	let depth = 0;
	for (const line of lines) {
		if (line.startsWith('BEGIN:')) depth++;
		if (depth === 1 || (depth === 2 && line.startsWith('BEGIN:'))) out.push(depth === 2 ? 'COMPONENT' : line.split(/[;:]/)[0]);
		if (line.startsWith('END:')) depth--;
	}
	return out;
}

function checkCalendar(text: string, what: string) {
	expect(text.startsWith('BEGIN:VCALENDAR\r\n'), what).toBe(true);
	expect(text.trimEnd().endsWith('END:VCALENDAR'), what).toBe(true);
	const top = topLevel(text);
	const firstComponent = top.indexOf('COMPONENT');
	expect(firstComponent, `${what}: has components`).toBeGreaterThan(0);
	const props = top.slice(1, firstComponent);
	// RFC 5545 §3.4: every calendar property before the first component, none after.
	expect(top.slice(firstComponent).filter((p) => p !== 'COMPONENT' && p !== 'END'), `${what}: properties after a component`).toEqual([]);
	for (const p of ['VERSION', 'PRODID', 'METHOD', 'REFRESH-INTERVAL', 'X-PUBLISHED-TTL']) expect(props, `${what}: ${p} among the calendar properties`).toContain(p);
	// Two independent parsers agree on the events.
	const a = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as nodeIcal.VEvent[];
	const comp = new ICAL.Component(ICAL.parse(text));
	const b = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	expect(b.length, what).toBe(a.length);
	expect(b.map((e) => e.uid).sort(), what).toEqual(a.map((e) => e.uid).sort());
	const byUid = new Map(a.map((e) => [e.uid, e]));
	for (const e of b) expect(e.startDate.toJSDate().getTime(), `${what} ${e.uid}`).toBe(new Date(byUid.get(e.uid)!.start).getTime());
	expect(comp.getFirstPropertyValue('refresh-interval')?.toString(), what).toMatch(/^PT\d+[HM]/);
	expect(comp.getAllSubcomponents('vtimezone').length, what).toBeGreaterThan(0);
	return a.length;
}

describe('iCalendar feeds to the letter', () => {
	for (const lang of LOCALES) {
		it(`program, track and session feeds (${lang})`, async () => {
			const feeds = [`/events/${SLUG}/program.ics`, `/events/${SLUG}/tracks/energy.ics`, `/events/${SLUG}/sessions/HC101.ics`];
			const counts: number[] = [];
			for (const f of feeds) {
				const res = await fetch(`${app.url}${f}?lang=${lang}`);
				expect(res.status, f).toBe(200);
				counts.push(checkCalendar(await res.text(), f));
			}
			expect(counts[0]).toBeGreaterThan(60);
			expect(counts[1]).toBeGreaterThan(0);
			expect(counts[2]).toBe(1);
		});
	}

	it('the personal agenda feed', async () => {
		const b = new Browser(app.url);
		await b.logIn('attendee@example.com', DEMO_PASSWORD);
		const page = await (await b.fetch(`/events/${SLUG}/sessions/HC102`)).text();
		const id = /name="sessionId" value="([0-9a-f-]{36})"/.exec(page)![1];
		await b.post(`/events/${SLUG}/sessions/HC102?/star`, { sessionId: id });
		const html = await (await b.post('/me/agenda?/rotate', {})).text();
		const m = /value="([^"]+\/agenda\/[a-z2-7]{32}\.ics)"/.exec(html)!;
		const res = await fetch(m[1].replace(/^webcal:\/\/[^/]+/, app.url).replace(/^https?:\/\/[^/]+/, app.url));
		expect(res.status).toBe(200);
		expect(checkCalendar(await res.text(), 'agenda')).toBeGreaterThan(0);
	});
});
