/** The foundation over real HTTP: the production server, its database, its headers and guards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

let app: App;
beforeAll(async () => {
	app = await startApp();
}, 120_000);
afterAll(async () => {
	await app?.stop();
});

const DEMO = {
	attendee: 'attendee@example.com',
	partner: 'partner@example.com',
	staff: 'staff@example.com',
	organizer: 'organizer@example.com',
	admin: 'admin@example.com'
} as const;
type Who = keyof typeof DEMO | 'anonymous';

async function as(who: Who) {
	const b = new Browser(app.url);
	if (who !== 'anonymous') await b.logIn(DEMO[who], DEMO_PASSWORD);
	return b;
}

describe('health and API basics', () => {
	it('GET /healthz answers ok', async () => {
		const r = await fetch(`${app.url}/healthz`);
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ status: 'ok' });
	});

	it('GET /api/v1/events lists the published demo week with both names', async () => {
		const r = await fetch(`${app.url}/api/v1/events`);
		const body = await r.json();
		expect(r.status).toBe(200);
		expect(body.events).toHaveLength(1);
		expect(body.events[0]).toMatchObject({
			slug: 'haichuang-2018',
			name: { zh: '2018 中国海创周', en: 'China Overseas Talent Innovation Week 2018' },
			timeZone: 'Asia/Shanghai'
		});
		expect(body.events[0].startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('serves an OpenAPI 3.1 document of every /api/v1 operation', async () => {
		const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/token', '/events', '/me']));
		expect(doc.paths['/auth/token'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
	});

	it('answers unknown API paths with the JSON error shape in the requested language', async () => {
		const r = await fetch(`${app.url}/api/v1/nothing-here`, { headers: { 'accept-language': 'zh-CN' } });
		expect(r.status).toBe(404);
		const body = await r.json();
		expect(body.error.code).toBe('not_found');
		expect(body.error.message).toBe('未找到。');
		expect(body.error.requestId).toBe(r.headers.get('x-request-id'));
	});
});

describe('bearer tokens', () => {
	it('are issued for email and password, and identify the user', async () => {
		const r = await fetch(`${app.url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: DEMO.staff, password: DEMO_PASSWORD, name: 'scanner' })
		});
		expect(r.status).toBe(201);
		const { token } = await r.json();
		expect(token).toMatch(/^hwk_[a-z2-7]{32}$/);
		const me = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({ email: DEMO.staff, role: 'staff' });
		const bad = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}x` } });
		expect(bad.status).toBe(401);
		expect((await bad.json()).error.code).toBe('unauthenticated');
	});

	it('refuse a wrong password and malformed input with clear errors', async () => {
		const wrong = await fetch(`${app.url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'accept-language': 'en' },
			body: JSON.stringify({ email: DEMO.organizer, password: 'not the password' })
		});
		expect(wrong.status).toBe(401);
		expect((await wrong.json()).error).toMatchObject({ code: 'invalid_credentials', message: 'The email or password is wrong.' });
		const malformed = await fetch(`${app.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error.code).toBe('invalid_input');
		const invalid = await fetch(`${app.url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'accept-language': 'en' },
			body: JSON.stringify({ email: 'nope', password: 3 })
		});
		const body = await invalid.json();
		expect(invalid.status).toBe(400);
		expect(body.error.fields.email).toEqual(['Enter a valid email address.']);
	});

	it('are rate limited per account with 429 and Retry-After', async () => {
		const statuses: number[] = [];
		let last: Response | undefined;
		for (let i = 0; i < 12; i++) {
			last = await fetch(`${app.url}/api/v1/auth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: 'victim@example.com', password: `guess-${i}-xxxxxxxx` })
			});
			statuses.push(last.status);
		}
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
		expect(statuses.slice(10)).toEqual([429, 429]);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await last!.json()).error.code).toBe('rate_limited');
	});
});

describe('each role lands on its own area and cannot enter the others', () => {
	const areas = ['/me', '/account', '/partner', '/staff', '/organizer', '/admin', '/admin/users', '/admin/outbox', '/admin/audit'] as const;
	const allowed: Record<(typeof areas)[number], Who[]> = {
		'/me': ['attendee', 'partner', 'staff', 'organizer', 'admin'],
		'/account': ['attendee', 'partner', 'staff', 'organizer', 'admin'],
		'/partner': ['partner'],
		'/staff': ['staff', 'organizer', 'admin'],
		'/organizer': ['organizer', 'admin'],
		'/admin': ['admin'],
		'/admin/users': ['admin'],
		'/admin/outbox': ['admin'],
		'/admin/audit': ['admin']
	};
	const who: Who[] = ['anonymous', 'attendee', 'partner', 'staff', 'organizer', 'admin'];

	for (const w of who) {
		it(`${w}`, async () => {
			const b = await as(w);
			const got: Record<string, number> = {};
			const want: Record<string, number> = {};
			for (const area of areas) {
				const r = await b.fetch(area);
				got[area] = r.status;
				want[area] = w === 'anonymous' ? 303 : allowed[area].includes(w) ? 200 : 403;
				if (w === 'anonymous') expect(r.headers.get('location')).toBe(`/login?next=${encodeURIComponent(area)}`);
			}
			expect(got).toEqual(want);
		});
	}

	it('login sends each role to its home', async () => {
		const homes: Record<string, string> = { attendee: '/me', partner: '/partner', staff: '/staff', organizer: '/organizer', admin: '/admin' };
		for (const [role, home] of Object.entries(homes)) {
			const r = await new Browser(app.url).logIn(DEMO[role as keyof typeof DEMO], DEMO_PASSWORD);
			expect(r.headers.get('location'), role).toBe(home);
		}
	});
});

describe('sessions over HTTP', () => {
	it('set an HttpOnly, SameSite=Lax cookie and end on logout', async () => {
		const b = new Browser(app.url);
		const r = await b.logIn(DEMO.attendee, DEMO_PASSWORD);
		const cookie = r.headers.getSetCookie().find((c) => c.startsWith('hw_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure is set behind https
		expect((await b.fetch('/me')).status).toBe(200);
		const stale = new Map(b.cookies);
		const out = await b.post('/logout', {});
		expect(out.status).toBe(303);
		expect((await b.fetch('/me')).status).toBe(303);
		// The old token is dead on the server too, not only forgotten by the browser.
		const replay = new Browser(app.url);
		replay.cookies = stale;
		expect((await replay.fetch('/me')).status).toBe(303);
	});

	it('sign-up errors come back beside the field in the chosen language, input kept', async () => {
		const b = new Browser(app.url);
		b.cookies.set('PARAGLIDE_LOCALE', 'zh-CN');
		const r = await b.post('/signup', { name: 'Kept Name', email: 'bad', password: 'short' });
		expect(r.status).toBe(400);
		const html = await r.text();
		expect(html).toContain('请输入有效的电子邮箱地址。');
		expect(html).toContain('至少需要 10 个字符。');
		expect(html).toContain('value="Kept Name"');
		expect(html).not.toContain('value="short"');
	});

	it('log out of all devices ends every session of the user', async () => {
		const a = await as('staff');
		const b2 = await as('staff');
		const r = await a.post('/account?/logoutAll', {});
		expect(r.status).toBe(303);
		expect((await b2.fetch('/staff')).status).toBe(303);
	});

	it('an admin disabling a user ends that user’s sessions and grants roles', async () => {
		const admin = await as('admin');
		const victim = new Browser(app.url);
		await victim.post('/signup', { name: 'To Disable', email: 'disable.me@example.com', password: 'a long password 1' });
		expect((await victim.fetch('/me')).status).toBe(200);
		const list = await (await admin.fetch('/admin/users?q=disable.me')).text();
		const userId = list.match(/name="userId" value="([0-9a-f-]{36})"/)![1];
		expect((await admin.post('/admin/users?/setRole', { userId, role: 'staff', partnerId: '' })).status).toBe(200);
		expect((await victim.fetch('/staff')).status).toBe(200);
		expect((await admin.post('/admin/users?/disable', { userId })).status).toBe(200);
		expect((await victim.fetch('/staff')).status).toBe(303);
		const again = await new Browser(app.url).post('/login', { email: 'disable.me@example.com', password: 'a long password 1' });
		expect(again.status).toBe(403);
	});
});

describe('headers and cross-origin protection', () => {
	it('pages carry a CSP without unsafe inline scripts, and the usual headers', async () => {
		const r = await fetch(`${app.url}/`);
		const csp = r.headers.get('content-security-policy')!;
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')*( 'nonce-[^']+')*;/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('form posts from another origin are refused', async () => {
		const r = await fetch(`${app.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email: DEMO.admin, password: DEMO_PASSWORD }),
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(r.status).toBe(403);
	});

	it('cookie-authenticated JSON calls from another origin are refused', async () => {
		const b = await as('organizer');
		const r = await b.fetch('/api/v1/events', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
		expect(r.status).toBe(403);
		expect((await r.json()).error.code).toBe('forbidden');
	});
});

describe('pages', () => {
	it('the home page shows the week in the visitor’s language', async () => {
		const zh = await (await fetch(`${app.url}/`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text();
		expect(zh).toContain('<html lang="zh-CN"');
		expect(zh).toContain('2018 中国海创周');
		const en = await (await fetch(`${app.url}/`, { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
		expect(en).toContain('<html lang="en"');
		expect(en).toContain('China Overseas Talent Innovation Week 2018');
		expect(en).toContain('Sino-US Enterprise (Boston) Innovation Center');
	});

	it('the language switch persists in a cookie', async () => {
		const b = new Browser(app.url);
		const r = await b.post('/lang', { locale: 'en', redirectTo: '/admin' });
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/admin');
		const html = await (await b.fetch('/', { headers: { 'accept-language': 'zh-CN' } })).text();
		expect(html).toContain('<html lang="en"');
		const evil = await b.post('/lang', { locale: 'en', redirectTo: '//evil.example/' });
		expect(evil.headers.get('location')).toBe('/');
	});

	it('unknown pages get a friendly 404', async () => {
		const r = await fetch(`${app.url}/no/such/page`, { headers: { 'accept-language': 'en' } });
		expect(r.status).toBe(404);
		expect(await r.text()).toContain('Page not found');
	});
});

describe('the process', () => {
	it('a second process on the same data directory stops at start with a clear message', async () => {
		if (app.databaseUrl) return; // PostgreSQL allows many instances by design
		await expect(startApp({ dataDir: app.dataDir, databaseUrl: null })).rejects.toThrow(/is in use by another process \(pid \d+\)/);
	});

	it('stops gracefully on SIGTERM', async () => {
		const other = await startApp({ env: { DEMO_DATA: 'false' } });
		const code = await other.stop('SIGTERM');
		expect(code).toBe(0);
		expect(other.output()).toContain('"msg":"stopped"');
	});
});
