/** The schedule over HTTP against the production build with the demo week seeded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { gunzipSync } from 'node:zlib';
import http from 'node:http';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

let app: App;
const SLUG = 'haichuang-2018';

beforeAll(async () => {
	app = await startApp();
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

/** The bytes on the wire (fetch() would inflate a gzip body itself). */
function onTheWire(url: string, headers: Record<string, string>) {
	return new Promise<{ encoding?: string; raw: Buffer }>((resolve, reject) =>
		http
			.get(url, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ encoding: res.headers['content-encoding'], raw: Buffer.concat(chunks) }));
			})
			.on('error', reject)
	);
}

const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];

describe('public program', () => {
	it('serves the program with an ETag and answers 304 when unchanged', async () => {
		const res = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { 'accept-language': 'en' } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Opening ceremony and overseas workstation plaque awards');
		expect(html).toContain('Vancouver recruiting event');
		expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
		const etag = res.headers.get('etag')!;
		expect(etag).toMatch(/^"[0-9a-f]{8}-[0-9a-z]+"$/);
		const again = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { 'accept-language': 'en', 'if-none-match': etag } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		const zh = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { 'accept-language': 'zh-CN', 'if-none-match': etag } });
		expect(zh.status).toBe(200);
	});

	it('serves anonymous visitors one rendering from memory: gzip when accepted, 304 before any load, never to a signed-in visitor', async () => {
		const url = `${app.url}/events/${SLUG}?day=all&tz=Asia/Shanghai`;
		const en = { 'accept-language': 'en' };
		const [a, b] = await Promise.all([fetch(url, { headers: en }), fetch(url, { headers: en })]);
		const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
		// Two visitors at once get the same rendering, its ETag, and the page's own headers.
		expect([a.status, b.status, bodyB === bodyA, b.headers.get('etag')]).toEqual([200, 200, true, a.headers.get('etag')]);
		expect(a.headers.get('content-security-policy')).toContain("script-src 'self'");
		expect(a.headers.get('vary')).toBe('Accept-Encoding, Cookie, Accept-Language');
		expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));

		const zipped = await onTheWire(url, { ...en, 'accept-encoding': 'gzip' });
		const raw = zipped.raw;
		expect(zipped.encoding).toBe('gzip');
		expect(raw.byteLength).toBeLessThan(bodyA.length / 4);
		expect(gunzipSync(raw).toString()).toBe(bodyA);

		const notModified = await fetch(url, { headers: { ...en, 'if-none-match': a.headers.get('etag')! } });
		expect([notModified.status, await notModified.text(), notModified.headers.get('etag')]).toEqual([304, '', a.headers.get('etag')]);

		// Signed in, the page is the person's own (their name in the header), never the shared copy.
		const visitor = new Browser(app.url);
		await visitor.logIn('attendee@example.com', DEMO_PASSWORD);
		const mine = await visitor.fetch(`/events/${SLUG}?day=all&tz=Asia/Shanghai`, { headers: en });
		expect(mine.headers.get('cache-control')).toBe('private, no-cache');
		expect(mine.headers.get('etag')).not.toBe(a.headers.get('etag'));
		expect(await mine.text()).not.toBe(bodyA);
	});

	it('filters by track and kind and searches', async () => {
		const html = await (await fetch(`${app.url}/events/${SLUG}?day=all&kind=recruiting`, { headers: { 'accept-language': 'en' } })).text();
		expect((html.match(/data-code="HC\d+"/g) ?? []).length).toBe(3);
		const q = await (await fetch(`${app.url}/events/${SLUG}?q=kyoto`, { headers: { 'accept-language': 'en' } })).text();
		expect(q).toContain('Kyoto recruiting event');
		expect((q.match(/data-code="HC\d+"/g) ?? []).length).toBe(1);
	});

	it('shows a session with room, venue, map link, capacity and its zone; a viewer zone on request', async () => {
		const res = await fetch(`${app.url}/events/${SLUG}/sessions/HC101`, { headers: { 'accept-language': 'en' } });
		const html = await res.text();
		expect(html).toContain('Main Hall');
		expect(html).toContain('https://www.openstreetmap.org/?mlat=38.8645&amp;mlon=121.5218');
		expect(html).toContain('1200 seats');
		expect(html).toContain('09:00–10:30');
		expect(html).toContain('GMT+8');
		const utc = await (await fetch(`${app.url}/events/${SLUG}/sessions/HC101?tz=UTC`, { headers: { 'accept-language': 'en' } })).text();
		expect(utc).toContain('01:00–02:30');
		expect(utc).toContain('Local time at the venue');
		expect((await fetch(`${app.url}/events/${SLUG}/sessions/NOPE`)).status).toBe(404);
	});
});

describe('feeds', () => {
	it('program.ics parses, in the language asked, with 304 on the ETag', async () => {
		const res = await fetch(`${app.url}/events/${SLUG}/program.ics?lang=zh-CN`);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const evs = vevents(await res.text());
		expect(evs.length).toBeGreaterThan(60);
		expect(evs.some((e) => e.summary === '开幕式暨海外工作站授牌仪式')).toBe(true);
		expect(evs.every((e) => /@127\.0\.0\.1:\d+$/.test(e.uid))).toBe(true);
		const again = await fetch(`${app.url}/events/${SLUG}/program.ics?lang=zh-CN`, { headers: { 'if-none-match': res.headers.get('etag')! } });
		expect(again.status).toBe(304);
		// Calendar apps poll with gzip: the same feed, compressed.
		const plain = await onTheWire(`${app.url}/events/${SLUG}/program.ics?lang=zh-CN`, {});
		const zipped = await onTheWire(`${app.url}/events/${SLUG}/program.ics?lang=zh-CN`, { 'accept-encoding': 'gzip' });
		expect([plain.encoding, zipped.encoding]).toEqual([undefined, 'gzip']);
		expect(gunzipSync(zipped.raw).equals(plain.raw)).toBe(true);
		expect(zipped.raw.byteLength).toBeLessThan(plain.raw.byteLength / 3);
	});

	it('one feed per track and one file per session', async () => {
		const track = vevents(await (await fetch(`${app.url}/events/${SLUG}/tracks/energy.ics?lang=en`)).text());
		expect(track.length).toBeGreaterThan(3);
		expect(track.every((e) => (e.categories ?? []).includes('New energy and new materials'))).toBe(true);
		const one = vevents(await (await fetch(`${app.url}/events/${SLUG}/sessions/HC101.ics?lang=en`)).text());
		expect(one.map((e) => e.summary)).toEqual(['Opening ceremony and overseas workstation plaque awards']);
		expect((await fetch(`${app.url}/events/${SLUG}/tracks/none.ics`)).status).toBe(404);
	});

	it('frab JSON/XML and the sessions API', async () => {
		const json = await (await fetch(`${app.url}/events/${SLUG}/schedule.json`)).json();
		expect(json.schedule.conference.acronym).toBe('haichuang_2018');
		const xml = await (await fetch(`${app.url}/events/${SLUG}/schedule.xml`)).text();
		expect(xml).toContain('<schedule>');
		const api = await fetch(`${app.url}/api/v1/events/${SLUG}/sessions`);
		expect(api.status).toBe(200);
		const body = await api.json();
		expect(body.sessions.length).toBeGreaterThan(60);
		expect(body.sessions.find((s: { code: string }) => s.code === 'HC101')).toMatchObject({ kind: 'opening', timeZone: 'Asia/Shanghai' });
		const missing = await fetch(`${app.url}/api/v1/events/nope/sessions`);
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.code).toBe('not_found');
		const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		expect(doc.paths['/events/{slug}/sessions'].get.operationId).toBe('listSessions');
	});
});

describe('stars and the personal agenda', () => {
	it('stars with a plain form post, lists it with overlaps, and serves a rotatable feed', async () => {
		const b = new Browser(app.url);
		await b.logIn('attendee@example.com', DEMO_PASSWORD);
		const page = await (await b.fetch(`/events/${SLUG}/sessions/HC101`)).text();
		const id = /name="sessionId" value="([0-9a-f-]{36})"/.exec(page)![1];
		const res = await b.post(`/events/${SLUG}/sessions/HC101?/star`, { sessionId: id });
		expect([200, 303]).toContain(res.status);
		const after = await (await b.fetch(`/events/${SLUG}/sessions/HC101`)).text();
		// The page shared by every attendee, with this person's star laid over it (page-cache.ts).
		expect(after).toContain(`<script type="application/json" id="hw-personal">{"starred":["${id}"]}</script>`);
		expect(after).toContain(`[data-sid="${id}"] .on{display:inline-flex!important}`);
		const agenda = await (await b.fetch('/me/agenda')).text();
		expect(agenda).toContain('data-code="HC101"');
		const rot = await b.post('/me/agenda?/rotate', {});
		const html = await rot.text();
		const url1 = /data-testid="feed-url"[^>]*value="([^"]+)"|value="([^"]+\.ics)"/.exec(html)!;
		const feed1 = (url1[1] ?? url1[2]).replace(app.url, '');
		expect(feed1).toMatch(/^\/agenda\/[a-z2-7]{32}\.ics$/);
		expect(html).toContain('webcal://127.0.0.1');
		const f = await fetch(app.url + feed1);
		expect(f.status).toBe(200);
		expect(vevents(await f.text()).map((e) => e.summary)).toContain('开幕式暨海外工作站授牌仪式');
		await b.post('/me/agenda?/rotate', {});
		expect((await fetch(app.url + feed1)).status).toBe(404);
		// Anonymous people are sent to log in instead of starring.
		const anon = await new Browser(app.url).post(`/events/${SLUG}/sessions/HC101?/star`, { sessionId: id });
		expect(anon.status).toBe(303);
		expect(anon.headers.get('location')).toMatch(/^\/login\?next=/);
	});
});

describe('organizer', () => {
	it('guards the editor pages, the CSV and the move endpoint (Origin checked)', async () => {
		const att = new Browser(app.url);
		await att.logIn('attendee@example.com', DEMO_PASSWORD);
		expect((await att.fetch(`/organizer/events/${SLUG}/schedule`)).status).toBe(403);
		expect((await att.fetch(`/organizer/events/${SLUG}/sessions.csv`)).status).toBe(403);
		const org = new Browser(app.url);
		await org.logIn('organizer@example.com', DEMO_PASSWORD);
		org.cookies.set('PARAGLIDE_LOCALE', 'en');
		for (const p of ['', '/schedule', '/releases', '/sessions', '/sessions/HC101', '/import', '/releases/1']) expect((await org.fetch(`/organizer/events/${SLUG}${p}`)).status, p).toBe(200);
		const csv = await org.fetch(`/organizer/events/${SLUG}/sessions.csv`);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe('code,title_zh,title_en,abstract_zh,abstract_en,kind,track,room,date,start,end,capacity,requires_booking,status,speakers');
		const editor = await (await org.fetch(`/organizer/events/${SLUG}/schedule`)).text();
		const id = /data-session="([0-9a-f-]{36})" data-code="HC106"/.exec(editor)![1];
		const main = /data-room-col="([0-9a-f-]{36})" role="list" aria-label="Main Hall"/.exec(editor)![1];
		const day = /aria-current="page">Day 1/.test(editor);
		expect(day).toBe(true);
		const body = JSON.stringify({ sessionId: id, roomId: main, date: /href="\?day=(\d{4}-\d{2}-\d{2})&amp;sel=/.exec(editor)![1], start: '09:30', end: '10:30' });
		const cross = await org.fetch(`/organizer/events/${SLUG}/schedule/move`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' } });
		expect(cross.status).toBe(403);
		const moved = await org.fetch(`/organizer/events/${SLUG}/schedule/move`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: app.url } });
		expect(moved.status).toBe(200);
		const grid = await moved.json();
		expect(grid.conflicts.map((c: { key: string }) => c.key)).toContain('room_double_booked:HC101:HC106');
		const byAttendee = await att.fetch(`/organizer/events/${SLUG}/schedule/move`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: app.url } });
		expect(byAttendee.status).toBe(403);
	});

	it('checks speaker photos by their bytes and serves them through a route', async () => {
		const org = new Browser(app.url);
		await org.logIn('organizer@example.com', DEMO_PASSWORD);
		org.cookies.set('PARAGLIDE_LOCALE', 'en');
		const settings = await (await org.fetch(`/organizer/events/${SLUG}`)).text();
		const id = /name="id" value="([0-9a-f-]{36})"[\s\S]{0,400}?value="speaker-1"/.exec(settings)![1];
		const send = (bytes: Uint8Array, type: string) => {
			const fd = new FormData();
			for (const [k, v] of Object.entries({ id, slug: 'speaker-1', nameZh: '示例', nameEn: 'Alex Example' })) fd.set(k, v);
			fd.set('photo', new Blob([bytes as BlobPart], { type }), 'photo.png');
			return org.fetch(`/organizer/events/${SLUG}?/speaker`, { method: 'POST', body: fd, headers: { origin: app.url, accept: 'text/html' } });
		};
		const fake = await send(new TextEncoder().encode('<script>alert(1)</script>'), 'image/png');
		expect(fake.status).toBe(400);
		expect(await fake.text()).toContain('Upload a JPEG, PNG or WebP image.');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect((await send(png, 'image/png')).status).toBe(200);
		const photo = await fetch(`${app.url}/events/${SLUG}/speakers/speaker-1/photo`);
		expect(photo.status).toBe(200);
		expect(photo.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await photo.arrayBuffer())).toEqual(png);
	});
});
