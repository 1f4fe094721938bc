/**
 * Journey: an organizer drags a session onto a busy room, sees the conflict, fixes it with the
 * keyboard, and releases; then a visitor finds the session, stars it and downloads its .ics.
 */
import { chromium, type Page } from 'playwright-core';
import { startApp } from '../helpers/app';

const SLUG = 'haichuang-2018';
const CODE = 'HC106'; // day 1, Hall A, 13:30–17:00

function assert(cond: unknown, msg: string): asserts cond {
	if (!cond) throw new Error(`schedule journey: ${msg}`);
}

async function logIn(page: Page, base: string, email: string) {
	await page.goto(`${base}/login`);
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', 'demo-password');
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.locator('main form button[type=submit]').first().click()]);
}

export default async function run(): Promise<void> {
	const app = await startApp();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	try {
		// Organizer: drag HC106 from Hall A onto the Main Hall at the time of the opening ceremony.
		const org = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })).newPage();
		await logIn(org, app.url, 'organizer@example.com');
		await org.goto(`${app.url}/organizer/events/${SLUG}/schedule`);
		const count = org.getByTestId('conflict-count');
		assert((await count.textContent())?.trim() === '0', 'the demo program starts without conflicts');
		const block = org.locator(`a[data-code="${CODE}"]`);
		const from = (await block.boundingBox())!;
		const mainLane = (await org.locator('[data-room-col][aria-label="Main Hall"]').boundingBox())!;
		const x0 = from.x + from.width / 2;
		const y0 = from.y + 10;
		await org.mouse.move(x0, y0);
		await org.mouse.down();
		// 13:30 → 09:30 is 16 quarter hours of 16 px; the lane scrolls with the grid, so move in steps.
		for (let i = 1; i <= 10; i++) await org.mouse.move(x0 + ((mainLane.x + mainLane.width / 2 - x0) * i) / 10, y0 - (16 * 16 * i) / 10);
		await org.mouse.up();
		await org.waitForFunction(() => document.querySelector('[data-testid="conflict-count"]')?.textContent?.trim() !== '0');
		const conflict = org.locator('.conflict[data-key="room_double_booked:HC101:HC106"]');
		await conflict.first().waitFor();
		assert(await org.locator(`.block.conflict a[data-code="${CODE}"]`).count() === 1, 'the moved block is marked as conflicting');

		// Fix it with the keyboard alone: focus the block, → moves it to the neighbouring room (Hall A).
		await org.locator(`a[data-code="${CODE}"]`).focus();
		await org.keyboard.press('ArrowRight');
		await org.waitForFunction(() => document.querySelector('[data-testid="conflict-count"]')?.textContent?.trim() === '0');
		const lane = await org.locator(`a[data-code="${CODE}"]`).evaluate((el) => el.closest('[data-room-col]')?.getAttribute('aria-label'));
		assert(lane === 'Hall A', `the session is back in Hall A (is in ${lane})`);

		// Release: the change list shows HC106 moved; the release goes through.
		await org.goto(`${app.url}/organizer/events/${SLUG}/releases`);
		const preview = await org.getByTestId('preview-changes').textContent();
		assert(preview?.includes(CODE) && preview.includes('moved to a new time'), `the change list shows ${CODE} moved`);
		await org.fill('input[name=name]', 'v2');
		await org.fill('input[name=note]', 'Workshop moved to the morning');
		await Promise.all([org.waitForLoadState('networkidle'), org.getByRole('button', { name: 'Release', exact: true }).click()]);
		await org.getByText('Release 2 is published.').waitFor();

		// Visitor: search the program, open the session, star it after logging in, download its .ics.
		const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', acceptDownloads: true });
		const v = await ctx.newPage();
		await v.goto(`${app.url}/events/${SLUG}`);
		await v.fill('input[name=q]', 'Big data workshop');
		await Promise.all([v.waitForURL(/q=Big/), v.getByRole('button', { name: 'Show' }).click()]);
		await v.locator(`[data-code="${CODE}"] h3 a`).click();
		await v.waitForURL(new RegExp(`/sessions/${CODE}$`));
		assert((await v.locator('h1').textContent())?.includes('Big data workshop'), 'the session page opens');
		assert((await v.locator('strong', { hasText: '09:30–13:00' }).count()) === 1, 'the released time shows (09:30–13:00)');
		await v.getByRole('link', { name: /Log in to star/ }).click();
		await v.fill('input[name=email]', 'attendee@example.com');
		await v.fill('input[name=password]', 'demo-password');
		await Promise.all([v.waitForURL(new RegExp(`/sessions/${CODE}$`)), v.locator('main form button[type=submit]').first().click()]);
		await v.getByRole('button', { name: /Star/ }).click();
		await v.getByRole('button', { name: /Starred/ }).waitFor();
		const [download] = await Promise.all([v.waitForEvent('download'), v.getByTestId('session-ics').click()]);
		const path = await download.path();
		const { readFile } = await import('node:fs/promises');
		const ics = await readFile(path!, 'utf8');
		assert(ics.includes('BEGIN:VEVENT') && ics.includes('SUMMARY:Big data workshop'), 'the .ics holds the session');
		assert(/DTSTART;TZID=Asia\/Shanghai:\d{8}T093000/.test(ics) && ics.includes('SEQUENCE:1'), 'the .ics has the new time and SEQUENCE 1');
		await v.goto(`${app.url}/me/agenda`);
		assert((await v.locator(`[data-code="${CODE}"]`).count()) === 1, 'the starred session is in the agenda');
	} finally {
		await browser.close();
		await app.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	run().then(
		() => console.log('schedule journey: ok'),
		(e) => {
			console.error(e);
			process.exit(1);
		}
	);
}
