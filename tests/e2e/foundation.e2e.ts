/** Foundation journey: sign up, log out, log in, switch language, and a role denied at another role's page. */
import { startApp, DEMO_PASSWORD } from '../helpers/app';
import { launch, snap, assert } from './browser';

export default async function run() {
	const app = await startApp();
	const browser = await launch();
	try {
		const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en' } });
		const page = await ctx.newPage();
		await page.goto(app.url + '/');
		assert((await page.locator('h1').first().textContent())?.includes('Innovation Week'), 'home shows the week in English');

		// Sign up with a bad email first: the message sits beside the field and the name is kept.
		await page.goto(app.url + '/signup');
		await page.getByLabel('Name', { exact: true }).fill('Jamie Example');
		await page.getByLabel('Email').fill('not-an-email');
		await page.getByLabel('Password').fill('a long enough password');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.waitForSelector('#f-email-err');
		assert((await page.locator('#f-email-err').textContent())?.includes('valid email'), 'email error shown beside the field');
		assert((await page.getByLabel('Name', { exact: true }).inputValue()) === 'Jamie Example', 'typed name kept');
		await page.getByLabel('Email').fill('jamie.e2e@example.com');
		await page.getByLabel('Password').fill('a long enough password');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.waitForURL('**/me');
		await snap(page, 'foundation-me');

		// Log out (the menu collapses on a phone).
		await page.getByRole('button', { name: 'Menu' }).click();
		await page.getByRole('button', { name: 'Log out' }).click();
		await page.waitForURL('**/login?loggedOut=1');
		assert(await page.getByText('You have logged out.').isVisible(), 'logout notice');

		// Log in again.
		await page.getByLabel('Email').fill('jamie.e2e@example.com');
		await page.getByLabel('Password').fill('a long enough password');
		await page.getByRole('button', { name: 'Log in' }).click();
		await page.waitForURL('**/me');

		// Switch language; the choice persists across pages.
		await page.getByRole('button', { name: 'Menu' }).click();
		await page.getByRole('button', { name: /Language/ }).click();
		await page.waitForLoadState('load');
		assert((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'page in Chinese after switching');
		await page.goto(app.url + '/');
		assert((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'language choice persists');
		assert((await page.locator('h1').first().textContent())?.includes('海创周'), 'home in Chinese');
		await snap(page, 'foundation-home-zh');

		// An attendee is denied the organizer area.
		const denied = await page.goto(app.url + '/organizer');
		assert(denied?.status() === 403, `attendee gets 403 at /organizer, got ${denied?.status()}`);
		assert(await page.getByText('无权访问').isVisible(), 'friendly forbidden page in Chinese');

		// And the organizer lands on their own area.
		const org = await browser.newContext({ locale: 'en-US' });
		const p2 = await org.newPage();
		await p2.goto(app.url + '/login');
		await p2.getByLabel('Email').fill('organizer@example.com');
		await p2.getByLabel('Password').fill(DEMO_PASSWORD);
		await p2.getByRole('button', { name: /Log in|登录/ }).click();
		await p2.waitForURL('**/organizer');
		await snap(p2, 'foundation-organizer');
	} finally {
		await browser.close();
		await app.stop();
	}
}
