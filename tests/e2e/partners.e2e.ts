/**
 * Partners journey: an organizer sets a quota and the delegates' category, a representative
 * nominates a delegate, the delegate opens the personal invitation, registers in that category, and
 * appears in the portal as registered.
 */
import { chromium, type Browser } from 'playwright-core';
import { startApp, DEMO_PASSWORD } from '../helpers/app';

function assert(cond: unknown, message: string): asserts cond {
	if (!cond) throw new Error(message);
}

async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

export default async function run(): Promise<void> {
	const app = await startApp();
	const browser = await launch();
	const context = (phone = false) =>
		browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 }, locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en' } });
	const logIn = async (page: import('playwright-core').Page, email: string) => {
		await page.goto(`${app.url}/login`);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Log in' }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	};
	try {
		// 1. The organizer raises Boston's delegate quota for the week.
		const org = await (await context()).newPage();
		await logIn(org, 'organizer@example.com');
		await org.goto(`${app.url}/organizer/partners`);
		await org.getByRole('row', { name: /Boston/ }).getByRole('link', { name: 'Manage' }).click();
		await org.waitForURL(/\/organizer\/partners\/[0-9a-f-]{36}$/);
		await org.getByLabel('Delegate quota').fill('25');
		// ...and has its delegates register as investors this year.
		await org.getByLabel('Delegates register as').selectOption({ label: 'Investor' });
		await org.getByRole('button', { name: 'Save quotas' }).click();
		await org.getByText('Saved.').first().waitFor();
		assert((await org.getByLabel('Delegate quota').inputValue()) === '25', 'quota saved');
		const chosen = await org.getByLabel('Delegates register as').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
		assert(chosen === 'Investor', `category saved, got ${chosen}`);

		// 2. The Boston representative sees the new quota and nominates a delegate (on a phone).
		const rep = await (await context(true)).newPage();
		await logIn(rep, 'partner@example.com');
		await rep.goto(`${app.url}/partner/delegates`);
		const quota = await rep.locator('#quota').textContent();
		assert(quota?.includes('of 25 places used'), `quota shown to the representative: ${quota}`);
		const form = rep.locator('form[action="?/nominate"]');
		await form.getByLabel('Name', { exact: true }).fill('Journey Delegate');
		await form.getByLabel('Email').fill('journey.delegate@example.com');
		await form.getByLabel('Institution').fill('Example University');
		await form.getByLabel('Country or region').selectOption('US');
		await form.getByLabel('Field').selectOption('ai');
		await form.getByLabel('Degree').selectOption('phd');
		await form.getByRole('button', { name: 'Nominate a delegate' }).click();
		await rep.getByText('Nominated; the invitation is on its way.').waitFor();
		const row = rep.locator('tr[data-email="journey.delegate@example.com"]');
		assert((await row.locator('[data-stage]').getAttribute('data-stage')) === 'invited', 'new nominee shows as invited');

		// 3. The invitation mail (held in the outbox without SMTP) carries the personal link.
		const admin = await (await context()).newPage();
		await logIn(admin, 'admin@example.com');
		await admin.goto(`${app.url}/admin/outbox`);
		const text = (await admin.locator('pre', { hasText: 'journey.delegate' }).first().textContent().catch(() => null)) ?? (await admin.content());
		const link = /\/invitations\/[a-z2-7]{32}/.exec(text ?? '')?.[0] ?? /\/invitations\/[a-z2-7]{32}/.exec(await admin.content())?.[0];
		assert(link, 'invitation link found in the outbox');

		// 4. The delegate opens it, signs up with the pre-filled name and invited email, and registers.
		const person = await (await context(true)).newPage();
		await person.goto(app.url + link);
		const category = await person.getByTestId('category').textContent();
		assert(category === 'You will register in the category “Investor”.', `category announced, got ${category}`);
		const signup = person.locator('form[action="?/signup"]');
		assert((await signup.getByLabel('Name', { exact: true }).inputValue()) === 'Journey Delegate', 'name pre-filled');
		assert((await signup.getByLabel('Email').inputValue()) === 'journey.delegate@example.com', 'email pre-filled');
		await signup.getByLabel('Password').fill('journey-password-1');
		await signup.getByLabel(/I agree/).check();
		await signup.getByRole('button', { name: 'Accept and register' }).click();
		await person.waitForURL('**/me?invited=1').catch(async (e) => {
			await person.screenshot({ path: 'test-results/partners-invitation-failed.png', fullPage: true });
			throw new Error(`${e}\n${await person.locator('body').innerText()}`);
		});

		// 5. The portal shows the delegate as registered.
		await rep.goto(`${app.url}/partner/delegates`);
		const stage = await rep.locator('tr[data-email="journey.delegate@example.com"] [data-stage]').getAttribute('data-stage');
		assert(stage === 'registered', `delegate shows as registered, got ${stage}`);
		const rowText = await rep.locator('tr[data-email="journey.delegate@example.com"]').textContent();
		assert(rowText?.includes('Registered'), 'status label in English');
		assert(rowText?.includes('Investor'), `registered in the chosen category: ${rowText}`);
		// The link is single use.
		await person.goto(app.url + link);
		await person.getByText('unknown, used, withdrawn or expired').waitFor();
	} finally {
		await browser.close();
		await app.stop();
	}
}
