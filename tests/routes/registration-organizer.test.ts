/** Organizer pages, CSV export, seat booking and the printable badge over HTTP, with the demo week. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
const BASE = `/organizer/events/${SLUG}`;
let app: App;
let org: Browser;
let attendee: Browser;

beforeAll(async () => {
	app = await startApp();
	org = new Browser(app.url);
	await org.logIn('organizer@example.com', DEMO_PASSWORD);
	attendee = new Browser(app.url);
	await attendee.logIn('attendee@example.com', DEMO_PASSWORD);
}, 240_000);
afterAll(async () => {
	await app?.stop();
});

function form(b: Browser, path: string, entries: [string, string][]) {
	return b.fetch(path, { method: 'POST', body: new URLSearchParams(entries), headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
}

describe('organizer registrations', () => {
	it('filters on the server and is closed to attendees', async () => {
		const res = await org.fetch(`${BASE}/registrations?status=waitlisted&category=media`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/data-testid="total">[^<0-9]*6[^<0-9]*</);
		expect((await attendee.fetch(`${BASE}/registrations`)).status).toBe(403);
	});

	it('exports the filtered list as CSV, organizers only', async () => {
		const res = await org.fetch(`${BASE}/registrations/export.csv?status=waitlisted&category=media`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await res.text()).replace(/^\ufeff/, '').trim().split(/\r?\n/);
		expect(lines[0]).toMatch(/^id,status,category,partner,name,name_zh,email,organization,country,country_name,field,registered_at,answer_field/);
		expect(lines).toHaveLength(7);
		expect(lines.slice(1).every((l) => l.split(',')[1] === 'waitlisted')).toBe(true);
		expect((await attendee.fetch(`${BASE}/registrations/export.csv`)).status).toBe(403);
	});

	it('bulk-approves with one post and reports refusals', async () => {
		const list = await (await org.fetch(`/api/v1/events/${SLUG}/registrations?status=pending&category=guest`)).json();
		expect(list.total).toBe(2);
		const ids: string[] = list.registrations.map((r: { id: string }) => r.id);
		const res = await form(org, `${BASE}/registrations?/bulk`, [['action', 'approve'], ...ids.map((id): [string, string] => ['ids', id])]);
		expect(res.status).toBe(200);
		const after = await (await org.fetch(`/api/v1/events/${SLUG}/registrations?category=guest`)).json();
		expect(after.counts).toMatchObject({ approved: 10, pending: 0 });
	});

	it('creates a category from the editor and shows field errors', async () => {
		const bad = await form(org, `${BASE}/categories?/save&c=new`, [
			['slug', 'Bad Slug'],
			['nameZh', '学生'],
			['nameEn', 'Students'],
			['color', '#123456'],
			['questions', '[not json']
		]);
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('id="f-slug-err"');
		expect(badHtml).toContain('id="f-questions-err"');
		const ok = await form(org, `${BASE}/categories?/save&c=new`, [
			['slug', 'students'],
			['nameZh', '学生'],
			['nameEn', 'Students'],
			['capacity', '12'],
			['requiresApproval', 'on'],
			['color', '#123456'],
			['questions', '[{"key":"school","label":{"zh":"学校","en":"School"},"type":"text","required":true}]']
		]);
		expect(ok.status).toBe(200);
		const { categories } = await (await fetch(`${app.url}/api/v1/events/${SLUG}/categories`)).json();
		expect(categories.find((c: { slug: string }) => c.slug === 'students')).toMatchObject({ capacity: 12, remaining: 12, requiresApproval: true, color: '#123456' });
	});
});

describe('seats and badges', () => {
	it('books and cancels a seat from the booking page', async () => {
		let code = '';
		for (let i = 101; i < 190 && !code; i++) {
			const html = await (await attendee.fetch(`/events/${SLUG}/sessions/HC${i}/book`)).text();
			if (html.includes('name="intent" value="book"') && !html.includes('value="cancel"')) code = `HC${i}`;
		}
		expect(code).not.toBe('');
		const booked = await attendee.post(`/events/${SLUG}/sessions/${code}/book`, { intent: 'book', next: '/me' });
		// Either booked (303 back to /me) or refused because it overlaps the attendee's seeded seat (with both names).
		if (booked.status === 303) {
			expect(booked.headers.get('location')).toBe('/me');
			const page = await (await attendee.fetch(`/events/${SLUG}/sessions/${code}/book`)).text();
			expect(page).toContain('name="intent" value="cancel"');
			expect((await attendee.post(`/events/${SLUG}/sessions/${code}/book`, { intent: 'cancel' })).status).toBe(303);
			expect(await (await attendee.fetch(`/events/${SLUG}/sessions/${code}/book`)).text()).toContain('name="intent" value="book"');
		} else {
			expect(booked.status).toBe(409);
			expect(await booked.text()).toMatch(/overlaps/);
		}
	});

	it('serves the printable badge PDF to its owner and an organizer only', async () => {
		const me = await (await attendee.fetch('/api/v1/me')).json();
		const list = await (await org.fetch(`/api/v1/events/${SLUG}/registrations?q=attendee@example.com`)).json();
		const id = list.registrations[0].id;
		expect(list.registrations[0].email).toBe(me.email);
		const pdf = await attendee.fetch(`/api/v1/registrations/${id}/badge.pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
		expect((await org.fetch(`/api/v1/registrations/${id}/badge.pdf`)).status).toBe(200);
		const stranger = new Browser(app.url);
		await stranger.logIn('staff@example.com', DEMO_PASSWORD);
		expect((await stranger.fetch(`/api/v1/registrations/${id}/badge.pdf`)).status).toBe(404);
	});
});
