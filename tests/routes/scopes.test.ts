/**
 * API token scopes (issue 8): chosen at creation in the account page or `POST /auth/token`, listed to
 * the owner, and enforced for every `/api/v1` operation before it runs. Each scoped operation is
 * called by an organizer's token holding exactly its scope (served) and by one holding every other
 * scope (403 `insufficient_scope`). Tokens with the old single scope `api` keep full access; scoped
 * tokens are ignored outside `/api/`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';
import { API_ROUTE_SCOPES } from '$lib/server/auth/scopes';
import { API_SCOPES, type ApiScope } from '$lib/schemas/auth';

const SLUG = 'haichuang-2018';
const NOBODY = '00000000-0000-4000-8000-000000000000';
let app: App;
let organizer: Browser;
const ids: Record<string, string> = {};

/** (route id, method) of every `/api/v1` endpoint in the source tree. */
function declaredApi(): string[] {
	const root = path.resolve('src/routes');
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name === '+server.ts')
				for (const m of fs.readFileSync(p, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE|fallback)\b/g)) out.push(`/${path.relative(root, dir).split(path.sep).join('/')} ${m[1]}`);
		}
	};
	walk(path.join(root, 'api'));
	return out.sort();
}

/** Creates a token in the account page, as a person would, and returns it. */
async function tokenFromAccountPage(b: Browser, name: string, scopes: readonly string[], lang = 'en') {
	const body = new URLSearchParams({ name });
	for (const s of scopes) body.append('scopes', s);
	const res = await b.fetch('/account?/createToken', {
		method: 'POST',
		body,
		headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': lang }
	});
	return { status: res.status, html: await res.text() };
}

/** Every scoped operation with a request that is served (`ok`) when the scope is there: no demo data changes. */
const probes: { route: string; method: string; path: string; body?: unknown; ok: number }[] = [
	{ route: '/api/v1/partners/[id]/delegates', method: 'GET', path: '/api/v1/partners/{partner}/delegates', ok: 200 },
	{ route: '/api/v1/events/[slug]/categories', method: 'POST', path: `/api/v1/events/${SLUG}/categories`, body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/categories/[category]', method: 'PATCH', path: `/api/v1/events/${SLUG}/categories/no-such-category`, body: {}, ok: 404 },
	{ route: '/api/v1/events/[slug]/categories/[category]', method: 'DELETE', path: `/api/v1/events/${SLUG}/categories/no-such-category`, ok: 404 },
	{ route: '/api/v1/events/[slug]/registrations', method: 'GET', path: `/api/v1/events/${SLUG}/registrations`, ok: 200 },
	{ route: '/api/v1/events/[slug]/registrations', method: 'POST', path: `/api/v1/events/${SLUG}/registrations`, body: {}, ok: 400 },
	{ route: '/api/v1/registrations/[id]', method: 'GET', path: '/api/v1/registrations/{registration}', ok: 200 },
	...(['svg', 'png', 'pdf'] as const).map((x) => ({ route: `/api/v1/registrations/[id]/badge.${x}`, method: 'GET', path: `/api/v1/registrations/{registration}/badge.${x}`, ok: 200 })),
	...(['approve', 'reject', 'waitlist', 'cancel', 'reissue'] as const).map((a) => ({ route: `/api/v1/registrations/[id]/${a}`, method: 'POST', path: `/api/v1/registrations/${NOBODY}/${a}`, body: {}, ok: 404 })),
	{ route: '/api/v1/events/[slug]/checkpoints', method: 'GET', path: `/api/v1/events/${SLUG}/checkpoints`, ok: 200 },
	{ route: '/api/v1/events/[slug]/checkpoints', method: 'POST', path: `/api/v1/events/${SLUG}/checkpoints`, body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/scanner-sync', method: 'GET', path: `/api/v1/events/${SLUG}/scanner-sync`, ok: 200 },
	{ route: '/api/v1/checkpoints/[id]/counters', method: 'GET', path: '/api/v1/checkpoints/{checkpoint}/counters', ok: 200 },
	{ route: '/api/v1/checkpoints/[id]/lookup', method: 'GET', path: '/api/v1/checkpoints/{checkpoint}/lookup?q=Example', ok: 200 },
	{ route: '/api/v1/checkins', method: 'POST', path: '/api/v1/checkins', body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/visa/requests', method: 'GET', path: `/api/v1/events/${SLUG}/visa/requests`, ok: 200 },
	{ route: '/api/v1/events/[slug]/visa/requests', method: 'POST', path: `/api/v1/events/${SLUG}/visa/requests`, body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/visa/approved.csv', method: 'GET', path: `/api/v1/events/${SLUG}/visa/approved.csv`, ok: 200 },
	{ route: '/api/v1/visa/requests/[id]', method: 'GET', path: `/api/v1/visa/requests/${NOBODY}`, ok: 404 },
	{ route: '/api/v1/visa/requests/[id]', method: 'PATCH', path: `/api/v1/visa/requests/${NOBODY}`, body: {}, ok: 400 },
	{ route: '/api/v1/visa/requests/[id]/letter.pdf', method: 'GET', path: `/api/v1/visa/requests/${NOBODY}/letter.pdf`, ok: 404 },
	...(['approve', 'revoke'] as const).map((a) => ({ route: `/api/v1/visa/requests/[id]/${a}`, method: 'POST', path: `/api/v1/visa/requests/${NOBODY}/${a}`, body: {}, ok: 404 })),
	...(['reject', 'correct'] as const).map((a) => ({ route: `/api/v1/visa/requests/[id]/${a}`, method: 'POST', path: `/api/v1/visa/requests/${NOBODY}/${a}`, body: {}, ok: 400 })),
	{ route: '/api/v1/events/[slug]/match/profile', method: 'GET', path: `/api/v1/events/${SLUG}/match/profile`, ok: 200 },
	{ route: '/api/v1/events/[slug]/match/profile', method: 'PUT', path: `/api/v1/events/${SLUG}/match/profile`, body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/match/directory', method: 'GET', path: `/api/v1/events/${SLUG}/match/directory`, ok: 200 },
	{ route: '/api/v1/events/[slug]/match/recommendations', method: 'GET', path: `/api/v1/events/no-such-event/match/recommendations`, ok: 404 },
	{ route: '/api/v1/events/[slug]/match/requests', method: 'GET', path: `/api/v1/events/${SLUG}/match/requests`, ok: 200 },
	{ route: '/api/v1/events/[slug]/match/requests', method: 'POST', path: `/api/v1/events/${SLUG}/match/requests`, body: {}, ok: 400 },
	{ route: '/api/v1/match/requests/[id]/respond', method: 'POST', path: `/api/v1/match/requests/${NOBODY}/respond`, body: {}, ok: 400 },
	{ route: '/api/v1/events/[slug]/match/meetings', method: 'GET', path: `/api/v1/events/${SLUG}/match/meetings?all=1`, ok: 200 },
	// Unknown edition: served (404) without scheduling or mailing anything in the demo.
	{ route: '/api/v1/events/[slug]/match/schedule', method: 'POST', path: '/api/v1/events/no-such-event/match/schedule', ok: 404 },
	{ route: '/api/v1/events/[slug]/match/schedule/publish', method: 'POST', path: '/api/v1/events/no-such-event/match/schedule/publish', ok: 404 }
];

function call(token: string, p: (typeof probes)[number], lang = 'en') {
	const url = app.url + p.path.replace(/\{(\w+)\}/g, (_, k) => ids[k]) + (p.path.includes('?') ? '&' : '?') + `lang=${lang}`;
	const headers: Record<string, string> = { authorization: `Bearer ${token}` };
	if (p.body !== undefined) headers['content-type'] = 'application/json';
	return fetch(url, { method: p.method, headers, body: p.body === undefined ? undefined : JSON.stringify(p.body) });
}

beforeAll(async () => {
	app = await startApp();
	organizer = new Browser(app.url);
	await organizer.logIn('organizer@example.com', DEMO_PASSWORD);
	const regs = await (await organizer.fetch(`/api/v1/events/${SLUG}/registrations?q=attendee@example.com`)).json();
	ids.registration = regs.registrations[0].id;
	ids.checkpoint = (await (await organizer.fetch(`/api/v1/events/${SLUG}/checkpoints`)).json()).checkpoints[0].id;
	const partner = new Browser(app.url);
	await partner.logIn('partner@example.com', DEMO_PASSWORD);
	ids.partner = (await (await partner.fetch('/api/v1/me')).json()).partnerId;
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

describe('API token scopes', () => {
	it('names the scope of every API operation, and only scopes that exist', () => {
		const table = Object.entries(API_ROUTE_SCOPES).flatMap(([route, methods]) => Object.keys(methods).map((m) => `${route} ${m}`));
		expect(table.sort()).toEqual(declaredApi());
		const scoped = Object.entries(API_ROUTE_SCOPES).flatMap(([route, methods]) =>
			Object.entries(methods)
				.filter(([, need]) => typeof need === 'string' && need !== 'public' && need !== 'token')
				.map(([m]) => `${route} ${m}`)
		);
		// Every scoped operation has a probe below.
		expect(probes.map((p) => `${p.route} ${p.method}`).sort()).toEqual(scoped.sort());
	});

	it('serves each scoped operation with its scope and refuses it, 403 insufficient_scope, with every other', async () => {
		const only = new Map<ApiScope, string>();
		const allBut = new Map<ApiScope, string>();
		for (const s of API_SCOPES) {
			only.set(s, /hwk_[a-z2-7]+/.exec((await tokenFromAccountPage(organizer, `only ${s}`, [s])).html)![0]);
			allBut.set(s, /hwk_[a-z2-7]+/.exec((await tokenFromAccountPage(organizer, `all but ${s}`, API_SCOPES.filter((x) => x !== s))).html)![0]);
		}
		const wrong: string[] = [];
		for (const p of probes) {
			const need = (API_ROUTE_SCOPES[p.route] as Record<string, ApiScope>)[p.method];
			const served = await call(only.get(need)!, p);
			await served.body?.cancel();
			if (served.status !== p.ok) wrong.push(`${p.method} ${p.path} with ${need}: ${served.status}, expected ${p.ok}`);
			const refused = await call(allBut.get(need)!, p);
			const body = (await refused.json()) as { error: { code: string; message: string; details: { required: string }; requestId: string } };
			if (refused.status !== 403 || body.error.code !== 'insufficient_scope' || body.error.details.required !== need || !body.error.message.includes(need) || !body.error.requestId)
				wrong.push(`${p.method} ${p.path} without ${need}: ${refused.status} ${JSON.stringify(body)}`);
		}
		expect(wrong).toEqual([]);
		console.log(`[scopes] ${probes.length} scoped API operations × ${API_SCOPES.length} scopes: each served with its own, refused with the ${API_SCOPES.length - 1} others`);
		// The refusal speaks the request's language.
		const zh = (await (await call(allBut.get('checkin:write')!, probes.find((p) => p.route === '/api/v1/checkins')!, 'zh-CN')).json()) as { error: { message: string } };
		expect(zh.error.message).toBe('此令牌无权执行该操作：需要权限范围“checkin:write”。');
		// Who-am-I and public reads work with any scope; a public read is served as to anyone.
		const one = only.get('partners:read')!;
		expect((await (await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${one}` } })).json()).email).toBe('organizer@example.com');
		const asToken = await (await fetch(`${app.url}/api/v1/events/${SLUG}/categories`, { headers: { authorization: `Bearer ${one}` } })).json();
		expect(asToken).toEqual(await (await fetch(`${app.url}/api/v1/events/${SLUG}/categories`)).json());
		// The OpenAPI document names the same scope per operation.
		const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
		expect(doc.paths['/checkins'].post.security).toEqual([{ bearer: ['checkin:write'] }]);
		expect(doc.paths['/registrations/{id}/approve'].post.security).toEqual([{ bearer: ['registrations:write'] }]);
		expect(doc.paths['/me'].get.security).toEqual([{ bearer: [] }]);
		expect(doc.paths['/events'].get.security).toBeUndefined();
	});

	it('keeps full access for `api` tokens; scoped tokens are ignored outside /api/', async () => {
		const res = await fetch(`${app.url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'organizer@example.com', password: DEMO_PASSWORD })
		});
		const legacy = (await res.json()) as { token: string; scopes: string[] };
		expect([res.status, legacy.scopes]).toEqual([201, ['api']]);
		for (const p of probes.filter((x) => x.method === 'GET' || x.ok !== 200)) {
			const r = await call(legacy.token, p);
			await r.body?.cancel();
			expect([p.path, r.status]).toEqual([p.path, p.ok]);
		}
		const everything = /hwk_[a-z2-7]+/.exec((await tokenFromAccountPage(organizer, 'everything', API_SCOPES)).html)![0];
		const page = (token: string) => fetch(`${app.url}/organizer`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
		expect((await page(legacy.token)).status).toBe(200);
		const ignored = await page(everything);
		expect([ignored.status, ignored.headers.get('location')]).toEqual([303, '/login?next=%2Forganizer']);
	});

	it('narrows tokens from POST /auth/token to the scopes asked for, within the role', async () => {
		const ask = (email: string, scopes: unknown) =>
			fetch(`${app.url}/api/v1/auth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password: DEMO_PASSWORD, scopes })
			});
		const r = await ask('staff@example.com', ['checkin:read']);
		const t = (await r.json()) as { token: string; scopes: string[] };
		expect([r.status, t.scopes]).toEqual([201, ['checkin:read']]);
		const scan = probes.find((p) => p.route === '/api/v1/checkins')!;
		expect((await call(t.token, scan)).status).toBe(403);
		expect((await call(t.token, probes.find((p) => p.route === '/api/v1/events/[slug]/checkpoints' && p.method === 'GET')!)).status).toBe(200);
		// An attendee cannot hold a scope of staff; an unknown or empty list is refused.
		for (const [email, scopes] of [
			['attendee@example.com', ['checkin:write']],
			['staff@example.com', ['admin:everything']],
			['staff@example.com', []]
		] as const) {
			const bad = await ask(email, scopes);
			const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
			expect([bad.status, body.error.code, Object.keys(body.error.fields)[0].split('.')[0]]).toEqual([400, 'invalid_input', 'scopes']);
		}
	});

	it('lets people choose scopes in the account page, in both languages, and lists them', async () => {
		const attendee = new Browser(app.url);
		await attendee.logIn('attendee@example.com', DEMO_PASSWORD);
		const page = async (lang: string) => (await attendee.fetch('/account', { headers: { 'accept-language': lang } })).text();
		const en = await page('en');
		// Offered: the scopes an attendee can use, no more.
		expect([...en.matchAll(/name="scopes" value="([\w:]+)"/g)].map((m) => m[1])).toEqual(['registrations:read', 'registrations:write', 'visa:read', 'visa:write', 'match:read', 'match:write']);
		expect(en).toContain('What may this token do?');
		expect(await page('zh-CN')).toContain('此令牌可以做什么？');
		const none = await tokenFromAccountPage(attendee, 'no scope', [], 'zh-CN');
		expect(none.status).toBe(400);
		expect(none.html).toContain('请至少选择一项权限范围。');
		const beyond = await tokenFromAccountPage(attendee, 'too much', ['checkin:write'], 'en');
		expect(beyond.status).toBe(400);
		expect(beyond.html).toContain('Choose among the scopes offered to your account.');
		const made = await tokenFromAccountPage(attendee, 'my badge', ['registrations:read'], 'en');
		expect(made.status).toBe(200);
		const token = /hwk_[a-z2-7]+/.exec(made.html)![0];
		// Her own badge (the demo registration is hers); writing is not in this token.
		expect((await call(token, probes.find((p) => p.route === '/api/v1/registrations/[id]/badge.svg')!)).status).toBe(200);
		expect((await call(token, probes.find((p) => p.route === '/api/v1/registrations/[id]/cancel')!)).status).toBe(403);
		const listed = await page('en');
		const row = listed.slice(listed.indexOf('<strong>my badge</strong>'));
		expect(/data-testid="token-scopes"[^>]*>([^<]*)</.exec(row)?.[1]).toBe('registrations:read');
		expect(listed).not.toContain(token);
	});
});
