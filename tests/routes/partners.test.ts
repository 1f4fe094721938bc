/**
 * The partners domain over real HTTP against the production build: representative invitation,
 * nominations, invitation acceptance, uploads, and above all scoping: a representative of partner A
 * gets 404 for every page, download, API call and file of partner B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

let app: App;
/** A browser that prefers English (the app defaults to Chinese). */
function browser() {
	const b = new Browser(app.url);
	b.cookies.set('PARAGLIDE_LOCALE', 'en');
	return b;
}
const admin = () => browser();

/** Links in the held outbox mails to an address (read through the admin outbox page). */
async function linksFor(to: string, kind: 'invitations/partner' | 'invitations'): Promise<string[]> {
	const b = admin();
	await b.logIn('admin@example.com', DEMO_PASSWORD);
	const html = await (await b.fetch(`/admin/outbox`)).text();
	const re = new RegExp(`/${kind}/([a-z2-7]{32})`, 'g');
	// The outbox lists the newest first; keep only links of mails to this address.
	const blocks = html.split(to).slice(1);
	return [...new Set(blocks.flatMap((blk) => [...blk.slice(0, 4000).matchAll(re)].map((m) => m[1])))];
}

function multipart(b: Browser, path: string, form: FormData) {
	return b.fetch(path, { method: 'POST', body: form, headers: { origin: b.base, accept: 'text/html' } });
}

let ids: { a: string; b: string };
let repA: Browser;
let repB: Browser;
let organizer: Browser;
let delegateB: string;
let projectB: string;

beforeAll(async () => {
	app = await startApp();
	organizer = browser();
	await organizer.logIn('organizer@example.com', DEMO_PASSWORD);
	const html = await (await organizer.fetch('/organizer/partners')).text();
	const found = [...html.matchAll(/href="\/organizer\/partners\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
	// Listed by slug: boston-sino-us, china-canada-cleantech, kekong-global, ...
	ids = { a: found[0], b: found[2] };
	repA = browser();
	await repA.logIn('partner@example.com', DEMO_PASSWORD);
}, 180_000);

afterAll(async () => {
	await app?.stop();
});

describe('partners over HTTP', () => {
	it('serves the public directory and the map page without network or client JS', async () => {
		const res = await fetch(`${app.url}/api/v1/events/haichuang-2018/partners`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.partners.map((p: { slug: string }) => p.slug)).toEqual(['boston-sino-us', 'china-canada-cleantech', 'kekong-global', 'silicon-valley-hta', 'wailian-innovation']);
		expect(body.partners[0]).toMatchObject({ city: { en: 'Boston' }, plaqueYear: 2018, fields: ['biomed', 'health', 'ai'] });
		expect(body.partners[0].contacts).toBeUndefined();
		expect((await fetch(`${app.url}/api/v1/events/nope/partners`)).status).toBe(404);
		const page = await (await fetch(`${app.url}/partners`, { headers: { 'accept-language': 'en' } })).text();
		expect(page).toMatch(/<svg class="world[^"]*" viewBox="-?\d+ -?\d+ \d+ \d+" role="img"/);
		expect(page).toContain('Sino-US Enterprise (Boston) Innovation Center');
		expect(page).toContain('Vancouver recruiting event');
		expect(page).not.toMatch(/https?:\/\/[^"]*tile/);
		expect(page).not.toContain('/_app/immutable/entry/start');
	});

	it('an organizer invites a representative for B; the link binds a new account to B once', async () => {
		const res = await organizer.post(`/organizer/partners/${ids.b}?/invite`, { name: 'Bea Rep', email: 'bea.rep@example.com' });
		expect(res.status).toBe(200);
		const [token] = await linksFor('bea.rep@example.com', 'invitations/partner');
		expect(token).toBeTruthy();
		repB = browser();
		const signed = await repB.post(`/invitations/partner/${token}?/signup`, { name: 'Bea Rep', password: 'a-long-password-1' });
		expect(signed.status).toBe(303);
		expect(signed.headers.get('location')).toBe('/partner');
		expect(await (await repB.fetch('/partner')).text()).toContain('KeKong Global');
		// Single use.
		expect(await (await browser().fetch(`/invitations/partner/${token}`)).text()).toContain('unknown, used, withdrawn or expired');
	});

	it('B nominates a delegate and submits a project with a PDF deck; bad files are refused', async () => {
		const res = await repB.post('/partner/delegates?/nominate', { name: 'Dee Legate', email: 'dee.legate@example.com', institution: 'Example University', country: 'US', field: 'ai', degree: 'phd', bio: '' });
		expect(res.status).toBe(200);
		const api = await (await repB.fetch(`/api/v1/partners/${ids.b}/delegates`)).json();
		const d = api.delegates.find((x: { email: string }) => x.email === 'dee.legate@example.com');
		expect(d).toMatchObject({ status: 'invited', institution: 'Example University' });
		delegateB = d.id;

		const form = (file: Blob, name: string) => {
			const f = new FormData();
			for (const [k, v] of Object.entries({ delegateId: delegateB, titleZh: '项目', titleEn: 'Project B', field: 'ai', stage: 'idea', fundingSought: '1000', summary: 'Summary' })) f.set(k, v);
			f.set('deck', file, name);
			return f;
		};
		const bad = await multipart(repB, '/partner/projects?/submit', form(new Blob(['<html><script>alert(1)</script>']), 'deck.pdf'));
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('not of an accepted type');
		const good = await multipart(repB, '/partner/projects?/submit', form(new Blob(['%PDF-1.4\n%%EOF\n']), 'evil.html'));
		expect(good.status).toBe(200);
		const html = await (await repB.fetch('/partner/projects')).text();
		projectB = /\/files\/decks\/([0-9a-f-]{36})/.exec(html)![1];
		const deck = await repB.fetch(`/files/decks/${projectB}`);
		expect(deck.status).toBe(200);
		expect(deck.headers.get('content-type')).toBe('application/pdf');
		expect(deck.headers.get('x-content-type-options')).toBe('nosniff');
		expect(deck.headers.get('content-disposition')).toMatch(/^attachment/);
		expect(await deck.text()).toBe('%PDF-1.4\n%%EOF\n');
		expect((await organizer.fetch(`/files/decks/${projectB}`)).status).toBe(200);
	});

	it("a representative of A gets 404 for B's API, files, and actions on B's ids", async () => {
		const api = await repA.fetch(`/api/v1/partners/${ids.b}/delegates`);
		expect(api.status).toBe(404);
		expect((await api.json()).error.code).toBe('not_found');
		expect((await repA.fetch(`/files/decks/${projectB}`)).status).toBe(404);
		expect((await repA.fetch(`/files/decks/not-a-uuid`)).status).toBe(404);
		expect((await repA.fetch(`/api/v1/partners/not-a-uuid/delegates`)).status).toBe(404);
		expect((await browser().fetch(`/files/decks/${projectB}`)).status).toBe(404);
		expect((await repA.post('/partner/delegates?/withdraw', { id: delegateB })).status).toBe(404);
		expect((await repA.post('/partner/delegates?/resend', { id: delegateB })).status).toBe(404);
		// Nothing of B appears in A's own pages and export.
		for (const path of ['/partner', '/partner/delegates', '/partner/projects', '/partner/delegates/export.csv']) {
			const res = await repA.fetch(path);
			expect(res.status).toBe(200);
			const text = await res.text();
			expect(text).not.toContain('dee.legate@example.com');
			expect(text).not.toContain('Project B');
			expect(text).not.toContain(projectB);
		}
		// Organizer pages are closed to every representative.
		expect((await repA.fetch(`/organizer/partners/${ids.b}`)).status).toBe(403);
		expect((await repA.fetch(`/organizer/partners`)).status).toBe(403);
		// B's own view still holds its delegate (A's attempts changed nothing).
		const mine = await (await repB.fetch(`/api/v1/partners/${ids.b}/delegates`)).json();
		expect(mine.delegates.find((x: { id: string }) => x.id === delegateB).status).toBe('invited');
		// A sees its own.
		expect((await repA.fetch(`/api/v1/partners/${ids.a}/delegates`)).status).toBe(200);
	});

	it('the delegate opens the invitation, signs up with the invited email and shows as registered', async () => {
		const [token] = await linksFor('dee.legate@example.com', 'invitations');
		const person = browser();
		const page = await (await person.fetch(`/invitations/${token}`)).text();
		expect(page).toContain('dee.legate@example.com');
		expect(page).toContain('Dee Legate');
		const noConsent = await person.post(`/invitations/${token}?/signup`, { name: 'Dee Legate', password: 'another-long-pass' });
		expect(noConsent.status).toBe(400);
		const res = await person.post(`/invitations/${token}?/signup`, { name: 'Dee Legate', password: 'another-long-pass', consent: 'yes' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/me?invited=1');
		const mine = await (await repB.fetch(`/api/v1/partners/${ids.b}/delegates`)).json();
		expect(mine.delegates.find((x: { id: string }) => x.id === delegateB).status).toBe('registered');
		const csv = await (await repB.fetch('/partner/delegates/export.csv')).text();
		expect(csv).toMatch(/Dee Legate,dee\.legate@example\.com,Example University,US,ai,phd,registered,/);
		expect(await (await browser().fetch(`/invitations/${token}`)).text()).toContain('unknown, used, withdrawn or expired');
	});

	it('50 nominations posted at once against 10 free places: exactly 10 are taken', async () => {
		const page = await (await organizer.fetch(`/organizer/partners/${ids.a}`)).text();
		const eventId = /name="eventId" value="([0-9a-f-]{36})"/.exec(page)![1];
		const before = await (await repA.fetch(`/api/v1/partners/${ids.a}/delegates`)).json();
		// Withdrawn and expired invitations hold no place.
		const holding = (d: { status: string }) => d.status !== 'withdrawn' && d.status !== 'expired';
		const held = before.delegates.filter(holding).length;
		expect(before.delegates.filter((d: { status: string }) => d.status === 'expired')).toHaveLength(1);
		const set = await organizer.post(`/organizer/partners/${ids.a}?/quota`, { eventId, delegateQuota: String(held + 10), projectQuota: '6' });
		expect(set.status).toBe(200);
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) => repA.post('/partner/delegates?/nominate', { name: `Racer ${i}`, email: `racer-${i}@example.com` }).then((r) => r.status))
		);
		expect(results.filter((s) => s === 200)).toHaveLength(10);
		expect(results.filter((s) => s === 409)).toHaveLength(40);
		const after = await (await repA.fetch(`/api/v1/partners/${ids.a}/delegates`)).json();
		expect(after.delegates.filter(holding)).toHaveLength(held + 10);
	});

	it('organizers upload a logo checked by content; the directory serves it with its sniffed type', async () => {
		const bad = new FormData();
		bad.set('logo', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>']), 'logo.png');
		expect((await multipart(organizer, `/organizer/partners/${ids.b}?/logo`, bad)).status).toBe(400);
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const good = new FormData();
		good.set('logo', new Blob([png]), 'logo.svg');
		expect((await multipart(organizer, `/organizer/partners/${ids.b}?/logo`, good)).status).toBe(200);
		const logo = await fetch(`${app.url}/partners/logo/kekong-global`);
		expect(logo.status).toBe(200);
		expect(logo.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await logo.arrayBuffer())).toEqual(png);
		// Representatives cannot upload logos (organizer area).
		expect((await multipart(repA, `/organizer/partners/${ids.a}?/logo`, good)).status).toBe(403);
	});

	it('the portal shows an expired invitation as holding no place, with resend', async () => {
		const html = await (await repA.fetch('/partner/delegates')).text();
		const row = html.split('<tr data-email=').find((r) => r.includes('data-stage="expired"'))!;
		expect(row).toContain('Expired: no longer holds a place. Resend renews it for 14 days if a place is free.');
		expect(row).toContain('action="?/resend"');
		expect(html).toContain('Open invitations and registered delegates use a place; withdrawn and expired invitations do not.');
	});

	it("organizers choose the category B's delegates register in, per partner and per nomination", async () => {
		const page = await (await organizer.fetch(`/organizer/partners/${ids.b}`)).text();
		const eventId = /name="eventId" value="([0-9a-f-]{36})"/.exec(page)![1];
		const option = (name: string, html = page) => new RegExp(`<option value="([0-9a-f-]{36})"[^>]*>${name}</option>`).exec(html)![1];
		const [investor, guest] = [option('Investor'), option('Guest')];
		// A category that is not an option is refused beside the field, and nothing changes.
		const bad = await organizer.post(`/organizer/partners/${ids.b}?/quota`, { eventId, delegateQuota: '20', projectQuota: '6', categoryId: '00000000-0000-4000-8000-000000000000' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toMatch(new RegExp(`id="q-${eventId}-categoryId-err">Choose one of the options\\.?</p>`));
		const set = await organizer.post(`/organizer/partners/${ids.b}?/quota`, { eventId, delegateQuota: '20', projectQuota: '6', categoryId: investor });
		expect(set.status).toBe(200);
		expect(await (await organizer.fetch(`/organizer/partners/${ids.b}`)).text()).toMatch(new RegExp(`<option value="${investor}" selected[^>]*>Investor</option>`));

		expect((await repB.post('/partner/delegates?/nominate', { name: 'Cat Egory', email: 'cat.egory@example.com' })).status).toBe(200);
		const [token] = await linksFor('cat.egory@example.com', 'invitations');
		const invitation = async () => /data-testid="category">([^<]*)</.exec(await (await browser().fetch(`/invitations/${token}`)).text())?.[1];
		expect(await invitation()).toBe('You will register in the category “Investor”.');
		const api = await (await repB.fetch(`/api/v1/partners/${ids.b}/delegates`)).json();
		const id = api.delegates.find((d: { email: string }) => d.email === 'cat.egory@example.com').id;
		expect(api.delegates.find((d: { id: string }) => d.id === id).category).toBe('investor');

		// This one nomination goes to the guests.
		const partnersPage = `/organizer/events/haichuang-2018/partners`;
		expect((await organizer.post(`${partnersPage}?/category`, { id, categoryId: 'not-a-category' })).status).toBe(400);
		expect((await repB.post(`${partnersPage}?/category`, { id, categoryId: guest })).status).toBe(403);
		const chosen = await organizer.post(`${partnersPage}?/category`, { id, categoryId: guest });
		expect(chosen.status).toBe(200);
		expect(await chosen.text()).toContain('Category saved.');
		expect(await invitation()).toBe('You will register in the category “Guest”.');
		const person = browser();
		expect((await person.post(`/invitations/${token}?/signup`, { name: 'Cat Egory', password: 'a-long-password-2', consent: 'yes' })).status).toBe(303);
		const after = await (await repB.fetch(`/api/v1/partners/${ids.b}/delegates`)).json();
		expect(after.delegates.find((d: { id: string }) => d.id === id)).toMatchObject({ status: 'registered', category: 'guest' });
	});

	it('the program lists roadshow pitches from the release; placements and draft-only satellite events reach the public with the next release, with a new ETag', async () => {
		const slug = 'haichuang-2018';
		const get = (path: string, etag?: string) => fetch(`${app.url}${path}`, { headers: { 'accept-language': 'en', ...(etag ? { 'if-none-match': etag } : {}) } });
		const pitchLines = (html: string) =>
			[...html.matchAll(/<li data-pitch="[^"]+"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1].replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
		const first = await get(`/events/${slug}?day=all`);
		const etag = first.headers.get('etag')!;
		const before = pitchLines(await first.text());
		// The finals: five pitches, one per workstation, compact (time, title, partner) in the program list.
		expect(before).toHaveLength(5);
		expect(before[0]).toBe('14:10 Rapid pathogen detection chip · Sino-US Enterprise (Boston) Innovation Center');

		// An organizer shortlists another project and places it in the finals at 16:00, and adds a
		// satellite event in Kyoto: both only in the draft so far.
		const orgPage = await (await organizer.fetch(`/organizer/events/${slug}/partners`)).text();
		const article = orgPage.split('<article').find((a) => a.includes('name="shortlisted" value="true"'))!;
		const projectId = /name="id" value="([0-9a-f-]{36})"/.exec(article)![1];
		const title = /<h3[^>]*>([^<]+)<\/h3>/.exec(article)![1];
		const finals = /<option value="([0-9a-f-]{36})"[^>]*>Innovation Week project roadshow finals/.exec(orgPage)![1];
		expect((await organizer.post(`/organizer/events/${slug}/partners?/shortlist`, { id: projectId, shortlisted: 'true' })).status).toBe(200);
		expect((await organizer.post(`/organizer/events/${slug}/partners?/place`, { projectId, sessionId: finals, start: '16:00', minutes: '10' })).status).toBe(200);
		const placed = (await (await organizer.fetch(`/organizer/events/${slug}/partners`)).text()).split('<article').find((a) => a.includes(projectId))!;
		expect(placed).toMatch(/data-pitch-state="unpublished"[^>]*>Not published yet: goes public with the next release</);

		const { events } = await (await fetch(`${app.url}/api/v1/events`)).json();
		const day1 = events.find((e: { slug: string }) => e.slug === slug).startDate;
		const newSession = await (await organizer.fetch(`/organizer/events/${slug}/sessions/new`)).text();
		const kyoto = /<option value="([0-9a-f-]{36})"[^>]*>Kyoto Meeting Room/.exec(newSession)![1];
		const saved = await organizer.post(`/organizer/events/${slug}/sessions/new?/save`, { code: 'SATKIX2', titleZh: '京都第二场揽才活动', titleEn: 'Second Kyoto recruiting event', kind: 'recruiting', roomId: kyoto, date: day1, start: '10:00', end: '12:00', status: 'confirmed' });
		expect(saved.status).toBe(303);

		// The public sees none of it: same ETag (304), same pitches, no new satellite event or session page.
		expect((await get(`/events/${slug}?day=all`, etag)).status).toBe(304);
		expect(pitchLines(await (await get(`/events/${slug}?day=all`)).text())).toEqual(before);
		const partnersPage = await (await get('/partners')).text();
		expect(partnersPage).not.toContain('Second Kyoto recruiting event');
		expect(partnersPage.match(/title="Satellite recruiting event: /g)).toHaveLength(3);
		expect((await get(`/events/${slug}/sessions/SATKIX2`)).status).toBe(404);

		// The organizer releases the draft (overriding whatever conflicts it reports).
		const releases = await (await organizer.fetch(`/organizer/events/${slug}/releases`)).text();
		const overrides = Object.fromEntries([...releases.matchAll(/name="override\.([^"]+)"/g)].map((m) => [`override.${m[1]}`, 'accepted for the test']));
		const released = await organizer.post(`/organizer/events/${slug}/releases?/release`, { name: 'v2', note: 'pitches and Kyoto', ...overrides });
		expect(released.status).toBe(200);

		const next = await get(`/events/${slug}?day=all`, etag);
		expect(next.status).toBe(200);
		expect(next.headers.get('etag')).not.toBe(etag);
		const after = pitchLines(await next.text());
		expect(after).toHaveLength(6);
		expect(after.slice(0, 5)).toEqual(before);
		expect(after[5]).toMatch(new RegExp(`^16:00 ${title.replace(/[()]/g, '\\$&')} · `));
		const finalsCode = /href="\/events\/haichuang-2018\/sessions\/([A-Z0-9-]+)"[^>]*>Innovation Week project roadshow finals/.exec(await (await get(`/events/${slug}?day=all`)).text())![1];
		const sessionPage = await (await get(`/events/${slug}/sessions/${finalsCode}`)).text();
		expect(sessionPage.match(/<li class="card" data-pitch=/g)).toHaveLength(6);
		expect(sessionPage).toContain(`16:00–16:10`);
		const partnersAfter = await (await get('/partners')).text();
		expect(partnersAfter).toContain('Second Kyoto recruiting event');
		expect(partnersAfter.match(/title="Satellite recruiting event: /g)).toHaveLength(4);
		expect((await get(`/events/${slug}/sessions/SATKIX2`)).status).toBe(200);
		const published = (await (await organizer.fetch(`/organizer/events/${slug}/partners`)).text()).split('<article').find((a) => a.includes(projectId))!;
		expect(published).toMatch(/data-pitch-state="published"[^>]*>Published</);
	});
});
