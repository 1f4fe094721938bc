/**
 * The matchmaking pages over HTTP against the production build: each page for the right role and
 * denied to the others, a profile saved through the form (errors beside the field, typed values
 * kept), the directory and a person's page without contact details (in the HTML and in
 * `__data.json`) until a meeting is accepted, and the contact details after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
let app: App;
const as: Record<string, Browser> = {};
const PHONE_A = '+86 138 0411 2233';
const PHONE_B = '+49 30 1234 5678';

/** A new person with a (pending) registration for the demo edition, signed in. */
async function registered(name: string, email: string) {
	const b = new Browser(app.url);
	const res = await b.post('/signup', { name, email, password: 'matchmaking-pages-pw-1', locale: 'en', next: '/me' });
	expect(res.status).toBe(303);
	await b.post('/lang', { locale: 'en', redirectTo: '/me' });
	const reg = await b.fetch(`/api/v1/events/${SLUG}/registrations`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url },
		body: JSON.stringify({ category: 'overseas-talent', answers: { field: 'ai', country: 'DE', dietary: '' }, consent: true })
	});
	expect(reg.status).toBe(201);
	return b;
}

const profileFields = (over: Record<string, string> = {}) => ({ listed: 'on', kind: 'talent', organization: 'Rhein Photonics GmbH', title: 'Head of Research', sectors: 'ai', offers: 'partner', seeks: 'invest', pitchZh: '光子芯片', pitchEn: 'Photonic chips for AI', languages: 'en', phone: PHONE_A, timeZone: '', ...over });

beforeAll(async () => {
	app = await startApp();
	for (const who of ['attendee', 'partner', 'organizer', 'staff']) {
		as[who] = new Browser(app.url);
		await as[who].logIn(`${who}@example.com`, DEMO_PASSWORD);
		await as[who].post('/lang', { locale: 'en', redirectTo: '/' });
	}
	as.anonymous = new Browser(app.url);
	as.talent = await registered('Mira Keller', `mira-${Date.now().toString(36)}@example.com`);
	as.investor = await registered('Tobias Brandt', `tobias-${Date.now().toString(36)}@example.com`);
}, 240_000);
afterAll(async () => {
	await app?.stop();
});

const html = async (b: Browser, path: string) => {
	const res = await b.fetch(path);
	return { status: res.status, location: res.headers.get('location'), text: await res.text() };
};

describe('matchmaking pages', () => {
	it('each page answers its own role and refuses the others', async () => {
		const attendeePages = ['/me/matchmaking', '/me/matchmaking/profile', '/me/matchmaking/directory', '/me/matchmaking/requests', '/me/matchmaking/meetings'];
		const orgPages = [`/organizer/events/${SLUG}/matchmaking`, `/organizer/events/${SLUG}/matchmaking/board`, `/organizer/events/${SLUG}/matchmaking/figures`];
		for (const p of attendeePages) {
			expect((await html(as.attendee, p)).status, p).toBe(200);
			const anon = await html(as.anonymous, p);
			expect([anon.status, anon.location]).toEqual([303, `/login?next=${encodeURIComponent(p)}`]);
		}
		for (const p of orgPages) {
			expect((await html(as.organizer, p)).status, p).toBe(200);
			expect((await html(as.attendee, p)).status, p).toBe(403);
			expect((await html(as.partner, p)).status, p).toBe(403);
		}
		expect((await html(as.partner, '/partner/matchmaking')).status).toBe(200);
		expect((await html(as.attendee, '/partner/matchmaking')).status).toBe(403);
		expect((await html(as.organizer, '/partner/matchmaking')).status).toBe(403);
	});

	it('the profile form keeps what was typed and says what is wrong beside the field', async () => {
		const res = await as.talent.post('/me/matchmaking/profile?/save', profileFields({ phone: 'call me', organization: 'Keller Labs' }));
		expect(res.status).toBe(400);
		const page = await html(as.talent, '/me/matchmaking/profile');
		expect(page.text).not.toContain('Keller Labs'); // nothing was saved
		// The enhanced form gets the same failure as JSON: the message beside "phone", the organisation kept.
		const json = await as.talent.fetch('/me/matchmaking/profile?/save', { method: 'POST', body: new URLSearchParams(profileFields({ phone: 'call me', organization: 'Keller Labs' })), headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' } });
		const body = await json.json();
		expect(body.type).toBe('failure');
		expect(body.data).toContain('Enter a phone number (digits, spaces, +).');
		expect(body.data).toContain('Keller Labs');
	});

	it('contact details stay out of pages and __data.json until a meeting is accepted', async () => {
		expect((await as.talent.post('/me/matchmaking/profile?/save', profileFields())).status).toBe(200);
		expect((await as.investor.post('/me/matchmaking/profile?/save', profileFields({ kind: 'investor', organization: 'Brandt Ventures', offers: 'invest', seeks: 'partner', phone: PHONE_B }))).status).toBe(200);

		// Before any meeting, the meetings page already offers the edition's slots to mark unavailable.
		const noMeetings = await html(as.talent, '/me/matchmaking/meetings');
		expect(noMeetings.text).toContain('Times I cannot meet');
		expect(noMeetings.text).toMatch(/name="slotIds" value="[0-9a-f-]{36}"/);

		const dir = await html(as.talent, '/me/matchmaking/directory?q=brandt');
		expect(dir.status).toBe(200);
		const ids = [...dir.text.matchAll(/data-profile="([0-9a-f-]{36})"/g)].map((x) => x[1]);
		expect(ids).toHaveLength(1);
		expect(dir.text).toContain('Tobias Brandt');
		const investorId = ids[0];
		const person = `/me/matchmaking/people/${investorId}`;
		const before = [(await html(as.talent, person)).text, (await html(as.talent, `${person}/__data.json`)).text, dir.text, (await html(as.talent, '/me/matchmaking/directory/__data.json?q=brandt')).text, (await html(as.talent, '/me/matchmaking/__data.json')).text];
		for (const t of before) {
			expect(t).not.toContain(PHONE_B);
			expect(t).not.toMatch(/tobias-[a-z0-9]+@example\.com/);
		}
		expect(before[0]).toContain('Mail and phone are shown once a meeting between you is accepted.');
		// No photo stored: no image URL in the page, and the photo route answers 404 (never a broken image).
		expect(before[0]).not.toContain('/match/photos/');
		expect((await html(as.talent, `/match/photos/${investorId}`)).status).toBe(404);
		expect((await html(as.anonymous, `/match/photos/${investorId}`)).status).toBe(404);

		// The recommendation says why in words.
		const home = await html(as.talent, '/me/matchmaking');
		expect(home.text).toContain('offers investment, which you seek');

		expect((await as.talent.post(`${person}?/request`, { toProfileId: investorId, message: 'Photonic chips: may I show you our seed round?' })).status).toBe(200);
		const reqs = await html(as.investor, '/me/matchmaking/requests');
		const requestId = /data-request="([0-9a-f-]{36})"/.exec(reqs.text)?.[1];
		expect(reqs.text).toContain('Photonic chips: may I show you our seed round?');
		expect((await html(as.talent, person)).text).not.toContain(PHONE_B);

		const accepted = await as.investor.post('/me/matchmaking/requests?/respond', { id: requestId!, answer: 'accept' });
		expect(accepted.status).toBe(200);
		const after = await html(as.talent, person);
		expect(after.text).toContain(PHONE_B);
		expect(after.text).toMatch(/tobias-[a-z0-9]+@example\.com/);
		// Someone else still sees neither.
		const other = await html(as.attendee, person);
		expect(other.text).not.toContain(PHONE_B);
		const meetings = await html(as.talent, '/me/matchmaking/meetings');
		expect(meetings.text).toContain('Tobias Brandt');
	});
});
