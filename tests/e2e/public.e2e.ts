/**
 * What a newcomer does with JavaScript on: register now → log in → sign up → the form; star a session
 * on day 3 without losing the day (and Back still works); open the pairing page directly; the scanner's
 * camera error in Chinese.
 */
import { startApp, DEMO_PASSWORD } from '../helpers/app';
import { launch, snap, assert } from './browser';

const SLUG = 'haichuang-2018';

export default async function run() {
	const app = await startApp();
	const browser = await launch();
	try {
		// Register now → log in → sign up: the new account lands on the registration form.
		const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en' } });
		const page = await ctx.newPage();
		await page.goto(app.url + '/');
		await page.getByRole('link', { name: 'Register now' }).first().click();
		await page.waitForURL(/\/login\?next=/);
		await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
		await page.waitForURL(/\/signup\?next=/);
		await page.getByLabel('Name', { exact: true }).fill('Nia Newcomer');
		await page.getByLabel('Email').fill('nia.newcomer@example.com');
		await page.getByLabel('Password').fill('a long enough password');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.waitForURL(`**/events/${SLUG}/register`);
		await snap(page, 'public-register-after-signup');

		// Starring on day 3 keeps day 3, the URL and the scroll; Back leaves the program as before.
		await page.goto(`${app.url}/events/${SLUG}`);
		const day3 = page.locator('nav.days a').nth(2);
		const day3Href = (await day3.getAttribute('href'))!;
		await day3.click();
		await page.waitForURL((u) => u.href.endsWith(day3Href));
		const star = page.locator('button.starbtn[aria-pressed="false"]').nth(2);
		const code = await star.locator('xpath=ancestor::article').getAttribute('data-code');
		await star.scrollIntoViewIfNeeded();
		const y0 = await page.evaluate(() => scrollY);
		await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
		await star.click();
		await page.locator(`article[data-code="${code}"] button.starbtn[aria-pressed="true"]`).waitFor({ timeout: 10_000 });
		assert(page.url().endsWith(day3Href), `the URL stays on day 3: ${page.url()}`);
		assert(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker === 1), 'no page reload');
		assert(Math.abs((await page.evaluate(() => scrollY)) - y0) < 50, 'the scroll position stays');
		assert((await page.locator('nav.days a[aria-current="page"]').getAttribute('href')) === day3Href, 'day 3 still chosen');
		await page.goBack();
		await page.waitForURL((u) => u.pathname === `/events/${SLUG}` && !u.href.endsWith(day3Href));
		assert(!page.url().includes('/star'), `Back goes to the previous day, not to an action URL: ${page.url()}`);
		// The starred session is in my agenda.
		await page.goto(`${app.url}/me/agenda`);
		assert(await page.locator(`article[data-code="${code}"]`).isVisible(), 'the starred session is in my agenda');
		await snap(page, 'public-agenda');

		// The pairing page opened directly explains itself.
		const zh = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', extraHTTPHeaders: { 'accept-language': 'zh-CN' } });
		const p2 = await zh.newPage();
		await p2.goto(`${app.url}/scan/pair`);
		await p2.getByText('如何配对此手机').waitFor();
		assert(!(await p2.locator('[role=alert]').count()), 'no error shown on the pairing page opened directly');

		// Staff at a door without a camera: the error is in Chinese, with what to do instead.
		await zh.request.post(app.url + '/login', { form: { email: 'staff@example.com', password: DEMO_PASSWORD }, headers: { origin: app.url }, maxRedirects: 0 });
		await p2.goto(`${app.url}/scan/${SLUG}`);
		const door = p2.locator('[data-testid=checkpoints] a').first();
		await door.waitFor({ timeout: 15_000 });
		await door.click();
		const err = p2.locator('[data-testid=camera-error]');
		await err.waitFor({ timeout: 15_000 });
		const text = (await err.textContent()) ?? '';
		assert(/相机/.test(text) && !/[A-Za-z]{4,}/.test(text), `the camera error is in Chinese: ${text}`);
		await snap(p2, 'public-scanner-no-camera-zh');
	} finally {
		await browser.close();
		await app.stop();
	}
}
