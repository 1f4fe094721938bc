/** The desk over HTTP with the demo week: names instead of codes, results that say who, no self-disable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
const BASE = `/organizer/events/${SLUG}`;
let app: App;
let org: Browser;
let admin: Browser;
let rep: Browser;

async function as(email: string, locale: 'en' | 'zh-CN') {
	const b = new Browser(app.url);
	b.cookies.set('PARAGLIDE_LOCALE', locale);
	await b.logIn(email, DEMO_PASSWORD);
	return b;
}

beforeAll(async () => {
	app = await startApp();
	org = await as('organizer@example.com', 'en');
	admin = await as('admin@example.com', 'en');
	rep = await as('partner@example.com', 'zh-CN');
}, 240_000);
afterAll(async () => {
	await app?.stop();
});

describe('desk pages over HTTP', () => {
	it('shows regions and tracks by name in the reader’s language, not as codes', async () => {
		const html = await (await org.fetch(`${BASE}/registrations?country=CA&field=ai`)).text();
		expect(html).toContain('<td data-label="Country">Canada</td>');
		expect(html).toContain('<td data-label="Field">Artificial intelligence</td>');
		expect(html).not.toMatch(/<td[^>]*>(CA|ai)<\/td>/);
		const zh = await (await (await as('organizer@example.com', 'zh-CN')).fetch(`${BASE}/registrations?country=CA`)).text();
		expect(zh).toContain('>加拿大</td>');
		expect(await (await org.fetch('/organizer')).text()).toContain('· Published</p>');
	});

	it('approves one registration without asking, and says whom', async () => {
		const list = await (await org.fetch(`/api/v1/events/${SLUG}/registrations?status=pending&category=investor`)).json();
		const r = list.registrations[0] as { id: string; name: string; nameZh: string | null };
		const res = await org.post(`${BASE}/registrations/${r.id}?/status`, { action: 'approve' });
		expect(res.status).toBe(200);
		const who = [r.name, r.nameZh].filter(Boolean).join(' ');
		expect(await res.text()).toContain(`${who} is approved; the confirmation email with the badge is on its way.`);
		expect((await (await org.fetch(`/api/v1/registrations/${r.id}`)).json()).status).toBe('approved');
	});

	it('refuses an admin disabling their own account, and pages the user list', async () => {
		const me = await (await admin.fetch('/admin/users?q=admin%40example.com')).text();
		const id = /name="userId" value="([0-9a-f-]{36})"/.exec(me)?.[1];
		expect(id).toBeTruthy();
		// The page offers no disable button on one's own row...
		expect(me).not.toContain('?/disable');
		// ...and the action refuses it anyway.
		const res = await admin.post('/admin/users?/disable', { userId: id! });
		expect(res.status).toBe(403);
		expect(await res.text()).toContain('You cannot disable your own account; ask another administrator.');
		const page2 = await (await admin.fetch('/admin/users?page=2')).text();
		expect(page2).toMatch(/data-testid="range">26–50 of \d{3}</);
	});

	it('shows the audit log as sentences with names', async () => {
		const html = await (await admin.fetch('/admin/audit?action=registrations')).text();
		expect(html).toContain('approved the registration of');
		expect(html).toContain('Olivia Chen');
		expect(html).not.toMatch(/<td[^>]*>[0-9a-f]{8}-[0-9a-f]{4}-/);
	});

	it('offers the delegate’s country as a list and refuses a code that names no region', async () => {
		const html = await (await rep.fetch('/partner/delegates')).text();
		expect(html).toMatch(/<select id="f-country" name="country"[^>]*>/);
		expect(html).toContain('<option value="CA">加拿大</option>');
		const res = await rep.post('/partner/delegates?/nominate', { name: 'Zhou Ning', email: 'zhou.ning@example.com', institution: '', country: 'XX', field: 'ai', degree: 'phd', bio: '' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('请从列表中选择国家或地区');
	});
});
