/**
 * Input hygiene (issue 19): NUL, other control characters, lone surrogates, malformed percent escapes
 * and over-long parts are refused with a 400 wherever they come in (path segments, query values, JSON
 * strings and keys, form fields, CSV cells), never a 500 from the database. The endpoints the issue
 * names, one by one, then the class: forms answer beside the field in the user's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
let app: App;
let organizer: string;
let attendee: string;
const ids: Record<string, string> = {};

async function token(email: string) {
	const res = await fetch(`${app.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
	return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
	app = await startApp({ env: { RATE_LIMIT: 'off' } });
	organizer = await token('organizer@example.com');
	attendee = await token('attendee@example.com');
	const auth = { authorization: `Bearer ${organizer}` };
	ids.checkpoint = (await (await fetch(`${app.url}/api/v1/events/${SLUG}/checkpoints`, { headers: auth })).json()).checkpoints[0].id;
	ids.registration = (await (await fetch(`${app.url}/api/v1/events/${SLUG}/registrations?q=attendee@example.com`, { headers: auth })).json()).registrations[0].id;
	ids.partner = (await (await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${await token('partner@example.com')}` } })).json()).partnerId;
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

interface ApiError {
	error: { code: string; message: string; requestId: string; fields?: Record<string, string[]>; details?: Record<string, unknown> };
}

async function call(method: string, path: string, opts: { token?: string; json?: unknown; lang?: string } = {}) {
	const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'en' };
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	if (opts.json !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(app.url + path.replace(/\{(\w+)\}/g, (_, k) => ids[k]), { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

function expectApi400(r: { status: number; type: string; text: string }, what: string) {
	expect(r.status, `${what}: ${r.text.slice(0, 200)}`).toBe(400);
	expect(r.type, what).toContain('application/json');
	const body = JSON.parse(r.text) as ApiError;
	expect(body.error.code, what).toBe('invalid_input');
	expect(body.error.message.length, what).toBeGreaterThan(3);
	expect(body.error.requestId, what).toBeTruthy();
	return body;
}

describe('the endpoints of the issue', () => {
	const urls: [string, string, string | undefined][] = [
		['GET', '/api/v1/checkpoints/{checkpoint}/lookup?q=a%00b', 'organizer'],
		['GET', `/api/v1/events/${SLUG}/registrations?category=a%00b`, 'organizer'],
		['GET', `/api/v1/events/${SLUG}/registrations?q=a%00b`, 'organizer'],
		['GET', '/api/v1/partners/{partner}/delegates?event=a%00b', 'organizer'],
		['DELETE', `/api/v1/events/${SLUG}/categories/a%00b`, 'organizer'],
		['GET', '/api/v1/events/a%00b/sessions', undefined],
		['GET', `/api/v1/events/${SLUG}/registrations?q=a%01b`, 'organizer'],
		['GET', `/api/v1/events/${SLUG}/registrations?q=a%ED%A0%80b`, 'organizer'],
		['GET', `/api/v1/events/${SLUG}/registrations?q=%zz`, 'organizer'],
		['GET', `/api/v1/events/${SLUG}/registrations?q=${'x'.repeat(1100)}`, 'organizer'],
		['GET', '/api/v1/registrations/a%00b', 'organizer']
	];
	for (const [method, url, who] of urls) {
		it(`${method} ${url.slice(0, 90)} → 400 invalid_input`, async () => {
			const body = expectApi400(await call(method, url, { token: who === 'organizer' ? organizer : undefined }), url);
			expect(body.error.details?.parameter).toBeTruthy();
		});
	}

	it('POST /api/v1/events/{slug}/registrations with "category": "x\\u0000y" → 400 naming the field', async () => {
		const body = expectApi400(await call('POST', `/api/v1/events/${SLUG}/registrations`, { token: attendee, json: { category: 'x\u0000y', consent: true } }), 'register');
		expect(body.error.fields).toEqual({ category: ['Remove the control characters or broken characters (such as NUL) from this text.'] });
	});

	it('JSON strings deep inside a body and object keys are checked too, in the language asked', async () => {
		const body = expectApi400(
			await call('POST', `/api/v1/events/${SLUG}/registrations`, { token: attendee, lang: 'zh-CN', json: { category: 'standard', answers: { ['k\u0000']: 'v', ok: ['a', 'b\uD800'] } } }),
			'answers'
		);
		expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(['answers', 'answers.ok.1']);
		expect(body.error.fields!['answers.ok.1']).toEqual(['请删除文本中的控制字符或损坏的字符（例如 NUL）。']);
	});

	it('a reason over 500 characters is a declared 400', async () => {
		expectApi400(await call('POST', `/api/v1/registrations/{registration}/approve`, { token: organizer, json: { reason: 'x'.repeat(501) } }), 'reason');
		const doc = JSON.parse((await call('GET', '/api/v1/openapi.json')).text);
		expect(Object.keys(doc.paths['/registrations/{id}/approve'].post.responses)).toContain('400');
	});

	it('feeds and pages: a 400, not a 500', async () => {
		for (const url of [`/events/a%00b/program.ics`, `/events/${SLUG}/tracks/a%00b.ics`, `/events/${SLUG}/sessions/a%00b`, `/events/${SLUG}?day=a%00b`, `/events/${SLUG}/schedule.json?lang=%00`, '/agenda/a%00b.ics', '/%ED%A0%80']) {
			const r = await call('GET', url);
			expect(r.status, url).toBe(400);
			expect(r.type, url).toContain('text/plain');
			expect(r.text, url).toContain('not allowed');
		}
	});

	it('clean look-ups that find nothing still answer as before', async () => {
		expect((await call('GET', '/api/v1/events/a-b/sessions')).status).toBe(404);
		expect((await call('GET', `/api/v1/events/${SLUG}/registrations?q=${encodeURIComponent('海创 👩🏽‍💻 "\'%')}`, { token: organizer })).status).toBe(200);
	});
});

describe('forms answer beside the field, in the user’s language', () => {
	for (const [lang, message] of [
		['en', 'Remove the control characters or broken characters (such as NUL) from this text.'],
		['zh-CN', '请删除文本中的控制字符或损坏的字符（例如 NUL）。']
	] as const) {
		it(`sign-up with NUL in the name (${lang})`, async () => {
			const b = new Browser(app.url);
			b.cookies.set('PARAGLIDE_LOCALE', lang);
			const r = await b.post('/signup', { name: 'Bad\u0000Name', email: `nul.${lang}@example.com`, password: 'a long password 1' });
			expect(r.status).toBe(400);
			const html = await r.text();
			expect(html).toContain(message);
			expect(html).toContain(`value="nul.${lang}@example.com"`);
		});
	}

	it('a control character in an organizer form field, the other values kept', async () => {
		const b = new Browser(app.url);
		b.cookies.set('PARAGLIDE_LOCALE', 'en');
		await b.logIn('organizer@example.com', DEMO_PASSWORD);
		const res = await b.post(`/organizer/events/${SLUG}/categories?/save`, { slug: 'bell-category', nameZh: '铃\u0007声', nameEn: 'Bell', color: '#1d4ed8' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Remove the control characters or broken characters (such as NUL) from this text.');
		expect(html).toContain('value="bell-category"');
	});

	it('a NUL in a CSV cell: the row is refused with the reason, nothing imported', async () => {
		const b = new Browser(app.url);
		b.cookies.set('PARAGLIDE_LOCALE', 'en');
		await b.logIn('organizer@example.com', DEMO_PASSWORD);
		const csv = new TextDecoder().decode(await (await b.fetch(`/organizer/events/${SLUG}/sessions.csv`)).arrayBuffer());
		expect(csv).toContain('Opening ceremony');
		const form = new FormData();
		form.set('file', new File([csv.replace('Opening ceremony', 'Opening\u0000ceremony')], 'sessions.csv', { type: 'text/csv' }));
		const res = await b.fetch(`/organizer/events/${SLUG}/import?/import`, { method: 'POST', body: form, headers: { origin: app.url, accept: 'text/html' } });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Remove the control characters or broken characters (such as NUL) from this text.');
		const api = await (await fetch(`${app.url}/api/v1/events/${SLUG}/sessions`)).json();
		expect(JSON.stringify(api)).not.toContain('\\u0000');
	});
});
