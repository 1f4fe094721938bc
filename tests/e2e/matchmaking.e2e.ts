/**
 * Journey on a phone (390×844): an overseas researcher builds a matchmaking profile, finds an
 * investor in the directory and asks to meet; the investor accepts and picks a slot from both
 * people's free times; an organizer (desktop) runs "Schedule all" and publishes; at the meeting
 * time the researcher types the investor's badge code ("we met") and rates the meeting.
 * For the meeting to be "now", the organizer first moves a pre-matching session to the current hour.
 * SHOTS=dir saves a screenshot of each page on the way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startApp, Browser, DEMO_PASSWORD } from '../helpers/app';
import { launch, assert } from './browser';

const SLUG = 'haichuang-2018';
const ZONE = 'Asia/Shanghai';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' };
function check(cond: unknown, message: string): asserts cond {
	assert(cond, `matchmaking journey: ${message}`);
}

async function shot(page: Page, name: string) {
	if (!process.env.SHOTS) return;
	fs.mkdirSync(process.env.SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(process.env.SHOTS, `${name}.png`), fullPage: true });
}

/** A new person registered (and approved) for the demo edition; returns their badge code. */
async function attendee(base: string, org: Browser, name: string, email: string, password: string): Promise<string> {
	const b = new Browser(base);
	check((await b.post('/signup', { name, email, password, locale: 'en', next: '/me' })).status === 303, `signup ${email}`);
	const reg = await b.fetch(`/api/v1/events/${SLUG}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ category: 'overseas-talent', answers: { field: 'ai', country: 'DE', dietary: '' }, consent: true }) });
	const { id } = await reg.json();
	check(reg.status === 201, `register ${reg.status}`);
	const ok = await org.fetch(`/api/v1/registrations/${id}/approve`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: '{}' });
	check(ok.status === 200, `approve ${ok.status}`);
	const r = await (await b.fetch(`/api/v1/registrations/${id}`)).json();
	const code = r.badge?.code ?? r.badgeCode ?? r.registration?.badge?.code;
	check(typeof code === 'string' && code.length > 8, `badge code of ${name}: ${JSON.stringify(r).slice(0, 200)}`);
	return code;
}

async function logIn(page: Page, base: string, email: string, password: string) {
	await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.form button[type="submit"]')]);
}

/** Local wall-clock parts of an instant in the edition's zone. */
function local(d: Date) {
	const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).map((x) => [x.type, x.value]));
	return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) };
}
const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** Waits for what the page should show next (an enhanced form updates the page after its answer). */
async function seen(locator: import('playwright-core').Locator, what: string) {
	try {
		await locator.waitFor({ state: 'visible', timeout: 10_000 });
	} catch {
		check(false, what);
	}
}

async function submit(page: Page, selector: string) {
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(selector)]);
	await page.waitForLoadState('networkidle');
}

export default async function run(): Promise<{ seconds: number }> {
	const t0 = Date.now();
	const app = await startApp();
	const browser = await launch();
	const contexts: BrowserContext[] = [];
	try {
		const org = new Browser(app.url);
		await org.logIn('organizer@example.com', DEMO_PASSWORD);
		const stamp = Date.now().toString(36);
		const talent = { email: `mira-${stamp}@example.com`, password: 'mm-journey-password-1' };
		const investor = { email: `tobias-${stamp}@example.com`, password: 'mm-journey-password-2' };
		await attendee(app.url, org, 'Mira Keller', talent.email, talent.password);
		const investorCode = await attendee(app.url, org, 'Tobias Brandt', investor.email, investor.password);

		// The organizer moves the first pre-matching session to the current hour, so its first slot is "now".
		const desk = await (await org.fetch(`/organizer/events/${SLUG}/matchmaking`)).text();
		// A session not configured yet (its card is folded): the demo's configured session holds meetings.
		const cards = desk.split(/(?=<details\b[^>]*data-room=")/).slice(1);
		const folded = cards.find((c) => !/\bopen\b/.test(c.slice(0, c.indexOf('>'))));
		const roomId = /data-room="([0-9a-f-]{36})"/.exec(folded ?? '')?.[1];
		const sessionId = /name="sessionId" value="([0-9a-f-]{36})"/.exec(folded ?? '')?.[1];
		check(sessionId && roomId, 'a pre-matching session with a room on the organizer page');
		const now = local(new Date());
		// It starts up to half an hour ago (a meeting may be marked held from 15 minutes before its start to an
		// hour after its end) and ends two hours on, or just before midnight: the journey runs at any hour.
		const from = Math.max(0, now.hour * 60 + Math.floor(now.minute / 15) * 15 - 15);
		const start = hhmm(Math.floor(from / 60), from % 60);
		const end = now.hour >= 22 ? '23:59' : hhmm(now.hour + 2, 0);
		const moved = await org.fetch(`/organizer/events/${SLUG}/schedule/move`, { method: 'POST', headers: { origin: app.url, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, roomId, date: now.date, start, end }) });
		check(moved.status === 200, `move session ${moved.status} ${await moved.text()}`);

		// Desktop organizer: self-booking mode, the session cut into 20-minute meetings at 4 tables.
		const orgCtx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
		contexts.push(orgCtx);
		const op = await orgCtx.newPage();
		await logIn(op, app.url, 'organizer@example.com', DEMO_PASSWORD);
		await op.goto(`${app.url}/organizer/events/${SLUG}/matchmaking`, { waitUntil: 'networkidle' });
		await op.selectOption('select[name="scheduling"]', 'self');
		await submit(op, 'form[action="?/settings"] button[type="submit"]');
		await seen(op.getByText('The matchmaking settings are saved.').first(), 'settings saved');
		const card = op.locator(`details[data-room="${roomId}"]:has(input[name="sessionId"][value="${sessionId}"])`);
		if (!(await card.evaluate((d) => (d as HTMLDetailsElement).open))) await card.locator('> summary').click();
		const sform = op.locator(`form[action="?/session"]:has(input[name="sessionId"][value="${sessionId}"])`);
		await sform.locator('select[name="slotMinutes"]').selectOption('20');
		await sform.locator('input[name="gapMinutes"]').fill('0');
		await sform.locator('input[name="tables"]').fill('4');
		await submit(op, `form[action="?/session"]:has(input[name="sessionId"][value="${sessionId}"]) button[type="submit"]`);
		await seen(op.getByText('The session is cut into meeting slots and tables.').first(), 'session cut');

		// The investor's profile (their own phone).
		const invCtx = await browser.newContext(PHONE);
		contexts.push(invCtx);
		const ip = await invCtx.newPage();
		await logIn(ip, app.url, investor.email, investor.password);
		await ip.goto(`${app.url}/me/matchmaking/profile`, { waitUntil: 'networkidle' });
		await ip.selectOption('select[name="kind"]', 'investor');
		await ip.fill('input[name="organization"]', 'Brandt Ventures');
		await ip.check('input[name="sectors"][value="ai"]');
		await ip.check('input[name="offers"][value="invest"]');
		await ip.check('input[name="seeks"][value="partner"]');
		await ip.fill('textarea[name="pitchEn"]', 'Seed and Series A in photonics and AI hardware.');
		await submit(ip, 'form[action="?/save"] button[type="submit"]');
		await seen(ip.getByText('Your profile is saved and shown in the directory.').first(), 'investor profile saved');

		// The researcher, on a phone: profile with one mistake first (message beside the field, input kept).
		const tCtx = await browser.newContext(PHONE);
		contexts.push(tCtx);
		const tp = await tCtx.newPage();
		await logIn(tp, app.url, talent.email, talent.password);
		await tp.goto(`${app.url}/me`, { waitUntil: 'networkidle' });
		await Promise.all([tp.waitForURL('**/me/matchmaking'), tp.click('a[href="/me/matchmaking"]')]);
		await shot(tp, 'phone-en-home-new');
		await tp.click('a.btn[href="/me/matchmaking/profile"]');
		await tp.waitForURL('**/me/matchmaking/profile');
		await tp.selectOption('select[name="kind"]', 'talent');
		await tp.fill('input[name="organization"]', 'Rhein Photonics GmbH');
		await tp.check('input[name="sectors"][value="ai"]');
		await tp.check('input[name="offers"][value="partner"]');
		await tp.check('input[name="seeks"][value="invest"]');
		await tp.fill('textarea[name="pitchEn"]', 'Photonic chips that cut the power of AI inference by ten.');
		await tp.fill('input[name="phone"]', 'call me');
		await submit(tp, 'form[action="?/save"] button[type="submit"]');
		await seen(tp.locator('#f-phone-err').first(), 'phone error beside the field');
		check((await tp.inputValue('input[name="organization"]')) === 'Rhein Photonics GmbH', 'typed organisation kept');
		await shot(tp, 'phone-en-profile-error');
		await tp.fill('input[name="phone"]', '+49 30 5550 1234');
		await submit(tp, 'form[action="?/save"] button[type="submit"]');
		await seen(tp.getByText('Your profile is saved and shown in the directory.').first(), 'talent profile saved');

		// Recommendations with the reason in words, then the directory search and the request.
		await tp.goto(`${app.url}/me/matchmaking`, { waitUntil: 'networkidle' });
		await seen(tp.getByText('offers investment, which you seek').first(), 'recommendation reason');
		await shot(tp, 'phone-en-home');
		await tp.goto(`${app.url}/me/matchmaking/directory`, { waitUntil: 'networkidle' });
		await tp.fill('input[name="q"]', 'Brandt');
		await Promise.all([tp.waitForURL('**/directory?**'), tp.click('form[role="search"] button[type="submit"]')]);
		await shot(tp, 'phone-en-directory');
		await Promise.all([tp.waitForURL('**/people/**'), tp.click('article[data-profile] h3 a')]);
		await seen(tp.getByText('Mail and phone are shown once a meeting between you is accepted.').first(), 'contact hidden before');
		await tp.fill('textarea[name="message"]', 'Our photonic inference chip is raising a seed round; may I show you the numbers?');
		await shot(tp, 'phone-en-person');
		await submit(tp, 'form[action="?/request"] button[type="submit"]');
		await seen(tp.getByText('Your request is sent.').first(), 'request sent');

		// The investor accepts and picks the first common slot (the one happening now).
		await ip.goto(`${app.url}/me/matchmaking/requests`, { waitUntil: 'networkidle' });
		await seen(ip.getByText('may I show you the numbers?').first(), 'request received');
		check((await ip.locator('input[name="slotId"]').count()) > 0, 'slots offered');
		await shot(ip, 'phone-en-requests');
		await submit(ip, 'button[name="answer"][value="accept"]');
		await seen(ip.getByText('at the time you chose').first(), 'accepted into a slot');

		// The organizer runs "Schedule all" (placed against the bound) and publishes.
		await op.goto(`${app.url}/organizer/events/${SLUG}/matchmaking/board`, { waitUntil: 'networkidle' });
		await submit(op, 'form[action="?/schedule"] button');
		await seen(op.locator('[data-testid="last-run"]').first(), 'a run summary');
		op.once('dialog', (d) => d.accept());
		await submit(op, 'form[action="?/publish"] button');
		await seen(op.getByText('The schedule is published').first(), 'published');
		await shot(op, 'desktop-en-board');

		// At the table: the researcher types the investor's badge code, then rates the meeting.
		await tp.goto(`${app.url}/me/matchmaking/meetings`, { waitUntil: 'networkidle' });
		await seen(tp.locator('.table-no').first(), 'table number shown');
		await shot(tp, 'phone-en-meetings');
		await tp.fill('input[name="code"]', investorCode);
		await submit(tp, 'form[action="?/held"] button[type="submit"]');
		await seen(tp.getByText('Recorded: you met.').first(), 'held');
		await tp.check('input[name="followUp"]');
		await submit(tp, 'button.star[value="4"]');
		await seen(tp.getByText('Thank you for your rating.').first(), 'rated');
		check((await tp.locator('button.star.on').count()) === 4, 'four stars shown');
		await shot(tp, 'phone-en-meetings-rated');

		const seconds = (Date.now() - t0) / 1000;
		return { seconds };
	} catch (e) {
		// The pages as they were when the journey failed, for the post-mortem.
		for (const [i, c] of contexts.entries()) for (const p of c.pages()) await shot(p, `failed-${i}`).catch(() => {});
		throw e;
	} finally {
		for (const c of contexts) await c.close().catch(() => {});
		await browser.close();
		await app.stop();
	}
}
