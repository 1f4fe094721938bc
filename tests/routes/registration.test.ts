/**
 * Registration over HTTP against the real production server with the demo week: the JSON API,
 * the register and /me pages, and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
let app: App;

beforeAll(async () => {
	app = await startApp();
}, 240_000);
afterAll(async () => {
	await app?.stop();
});

async function signUp(name: string) {
	const b = new Browser(app.url);
	const email = `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}@example.com`;
	const res = await b.post('/signup', { name, email, password: 'long-enough-password', locale: 'en' });
	expect(res.status).toBe(303);
	return { b, email };
}

function postJson(b: Browser, path: string, body: unknown) {
	return b.fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: app.url, 'accept-language': 'en' } });
}

describe('registration API', () => {
	it('lists categories publicly with remaining places', async () => {
		const res = await fetch(`${app.url}/api/v1/events/${SLUG}/categories`);
		expect(res.status).toBe(200);
		const { categories } = await res.json();
		const talent = categories.find((c: { slug: string }) => c.slug === 'overseas-talent');
		// Seed: capacity 220; 90 approved + 25 pending + the demo attendee hold places, and so do the
		// 15 delegates the workstations' invitations registered in this category (Silicon Valley's 5
		// register as enterprises, the category the organizers chose for that workstation).
		expect(talent).toMatchObject({ capacity: 220, remaining: 220 - 116 - 15, requiresApproval: true, open: 'open' });
	});

	it('registers, guards access, approves and serves the badge', async () => {
		const { b: owner } = await signUp('Owner Person');
		const { b: other } = await signUp('Other Person');
		const org = new Browser(app.url);
		await org.logIn('organizer@example.com', DEMO_PASSWORD);

		const bad = await postJson(owner, `/api/v1/events/${SLUG}/registrations`, { category: 'investor', answers: { field: 'nope' } });
		expect(bad.status).toBe(400);
		const badBody = await bad.json();
		expect(badBody.error.code).toBe('invalid_input');
		expect(Object.keys(badBody.error.fields).sort()).toEqual(['answers.country', 'answers.field']);

		const created = await postJson(owner, `/api/v1/events/${SLUG}/registrations`, { category: 'investor', answers: { field: 'ai', country: 'CA' }, consent: true });
		expect(created.status).toBe(201);
		const { id, status } = await created.json();
		expect(status).toBe('pending');
		const again = await postJson(owner, `/api/v1/events/${SLUG}/registrations`, { category: 'investor', answers: { field: 'ai', country: 'CA' }, consent: true });
		expect(again.status).toBe(409);
		expect((await again.json()).error.code).toBe('already_registered');

		// Someone else's registration does not exist for them; the owner and organizers see it.
		expect((await other.fetch(`/api/v1/registrations/${id}`)).status).toBe(404);
		expect((await other.fetch(`/api/v1/registrations/${id}/badge.svg`)).status).toBe(404);
		expect((await fetch(`${app.url}/api/v1/registrations/${id}`)).status).toBe(401);
		const mine = await (await owner.fetch(`/api/v1/registrations/${id}`)).json();
		expect(mine).toMatchObject({ id, status: 'pending', category: { slug: 'investor' }, badge: null });
		expect((await owner.fetch(`/api/v1/registrations/${id}/badge.svg`)).status).toBe(404);

		// Review is for organizers.
		expect((await postJson(owner, `/api/v1/registrations/${id}/approve`, {})).status).toBe(403);
		expect((await postJson(other, `/api/v1/registrations/${id}/cancel`, {})).status).toBe(404);
		expect((await other.fetch(`/api/v1/events/${SLUG}/registrations`)).status).toBe(403);
		const approved = await postJson(org, `/api/v1/registrations/${id}/approve`, {});
		expect(approved.status).toBe(200);
		expect(await approved.json()).toMatchObject({ id, status: 'approved', changed: true });

		const withBadge = await (await org.fetch(`/api/v1/registrations/${id}`)).json();
		expect(withBadge.badge.code).toMatch(/^HW1:/);
		const svg = await owner.fetch(`/api/v1/registrations/${id}/badge.svg`);
		expect(svg.status).toBe(200);
		expect(svg.headers.get('content-type')).toBe('image/svg+xml');
		expect(await svg.text()).toContain('<svg');
		const png = await owner.fetch(`/api/v1/registrations/${id}/badge.png`);
		expect(png.headers.get('content-type')).toBe('image/png');
		expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

		// The organizer list filters on the server.
		const list = await (await org.fetch(`/api/v1/events/${SLUG}/registrations?status=waitlisted&category=media`)).json();
		expect(list.total).toBe(6);
		expect(list.registrations.every((r: { status: string }) => r.status === 'waitlisted')).toBe(true);
		expect(list.counts.waitlisted).toBe(6);

		// The owner cancels; the badge is gone.
		const cancelled = await postJson(owner, `/api/v1/registrations/${id}/cancel`, {});
		expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
		expect((await owner.fetch(`/api/v1/registrations/${id}/badge.png`)).status).toBe(404);
	});

	it('describes its operations in the OpenAPI document', async () => {
		const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		for (const p of ['/events/{slug}/categories', '/events/{slug}/registrations', '/registrations/{id}', '/registrations/{id}/approve', '/registrations/{id}/badge.png']) {
			expect(doc.paths[p], p).toBeDefined();
		}
		expect(doc.paths['/events/{slug}/registrations'].post.requestBody.content['application/json'].schema.required).toContain('category');
	});
});

describe('registration pages', () => {
	it('keeps input and shows errors beside fields, then registers and shows status on /me', async () => {
		const { b } = await signUp('Page Person');
		const page = await b.fetch(`/events/${SLUG}/register?category=enterprise`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('name="answers.field"');
		expect(html).toContain('name="consent"');

		const bad = await b.post(`/events/${SLUG}/register?category=enterprise`, { category: 'enterprise', 'answers.dietary': 'no nuts', 'answers.country': 'CA' });
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('no nuts');
		expect(badHtml).toContain('f-consent-err');
		expect(badHtml).toContain('id="f-answers.field-err"');

		const ok = await b.post(`/events/${SLUG}/register?category=enterprise`, { category: 'enterprise', 'answers.field': 'ai', 'answers.country': 'CA', consent: 'on' });
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/me?registered=1');
		// A double submit lands on /me and creates nothing.
		const twice = await b.post(`/events/${SLUG}/register?category=enterprise`, { category: 'enterprise', 'answers.field': 'ai', 'answers.country': 'CA', consent: 'on' });
		expect(twice.headers.get('location')).toBe('/me');
		const me = await (await b.fetch('/me')).text();
		expect(me).toContain('data-status="pending"');
		const data = await (await b.fetch('/me/data.json')).json();
		expect(data.registrations).toHaveLength(1);
		expect(data.registrations[0]).toMatchObject({ event: SLUG, category: 'enterprise', status: 'pending', consentVersion: '2018-1' });
	});

	it('shows the demo attendee their badge as inline SVG', async () => {
		const b = new Browser(app.url);
		await b.logIn('attendee@example.com', DEMO_PASSWORD);
		const html = await (await b.fetch('/me')).text();
		expect(html).toContain('data-status="approved"');
		expect(html).toMatch(/data-testid="badge"[\s\S]*<svg/);
	});

	it('deletes an account: erased, logged out, cannot log in again', async () => {
		const { b, email } = await signUp('Leaving Person');
		await b.post(`/events/${SLUG}/register?category=enterprise`, { category: 'enterprise', 'answers.field': 'ai', 'answers.country': 'CA', consent: 'on' });
		const res = await b.post('/me?/deleteAccount', {});
		expect(res.status).toBe(303);
		expect((await b.fetch('/me')).status).toBe(303);
		const again = new Browser(app.url);
		const login = await again.post('/login', { email, password: 'long-enough-password' });
		expect(login.status).not.toBe(303);
	});
});
