/**
 * Journey on a phone: sign up, register, an organizer approves, the attendee sees the badge,
 * books a seat and cancels it. Plain Node script (playwright-core + Debian's Chromium) against the
 * production build started by startApp().
 */
import { chromium, devices, type Page } from 'playwright-core';
import { startApp, DEMO_PASSWORD } from '../helpers/app';

const SLUG = 'haichuang-2018';
// The welcome dinner: needs booking, 400 seats (see src/lib/server/seed/program.ts).
const SESSION = 'HC104';

function check(cond: unknown, message: string): asserts cond {
	if (!cond) throw new Error(`registration journey: ${message}`);
}

export default async function run(): Promise<void> {
	const app = await startApp();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	try {
		const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
		const page = await phone.newPage();
		page.on('dialog', (d) => void d.accept());
		const email = `journey-${Date.now().toString(36)}@example.com`;

		// Sign up.
		await page.goto(`${app.url}/signup?next=/events/${SLUG}/register`, { waitUntil: 'networkidle' });
		await page.fill('input[name="name"]', 'Journey Example');
		await page.fill('input[name="nameZh"]', '旅程示例');
		await page.fill('input[name="email"]', email);
		await page.fill('input[name="password"]', 'journey-password-1');
		await Promise.all([page.waitForURL(`**/events/${SLUG}/register`), page.click('form.form button[type="submit"]')]);

		// Choose a category, submit once without consent (error beside the field, input kept), then register.
		await Promise.all([page.waitForURL(/category=overseas-talent/), page.click('a[data-category="overseas-talent"]')]);
		await page.waitForLoadState('networkidle');
		await page.selectOption('select[name="answers.field"]', 'ai');
		await page.selectOption('select[name="answers.country"]', 'CA');
		await page.fill('input[name="answers.dietary"]', 'vegetarian');
		await page.click('form.form button[type="submit"]');
		await page.waitForSelector('#f-consent-err');
		check((await page.inputValue('input[name="answers.dietary"]')) === 'vegetarian', 'typed answer kept after an error');
		await page.check('input[name="consent"]');
		await Promise.all([page.waitForURL('**/me?registered=1'), page.click('form.form button[type="submit"]')]);
		await page.waitForSelector('[data-status="pending"]');

		// An organizer approves from the list (desktop).
		const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
		const orgPage = await desk.newPage();
		orgPage.on('dialog', (d) => void d.accept());
		await logIn(orgPage, app.url, 'organizer@example.com');
		await orgPage.goto(`${app.url}/organizer/events/${SLUG}/registrations?q=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' });
		await orgPage.check('input[name="ids"]');
		await Promise.all([orgPage.waitForResponse((r) => r.url().includes('/bulk') && r.request().method() === 'POST'), orgPage.click('button[name="action"][value="approve"]')]);
		await orgPage.waitForSelector('[data-status="approved"]').catch(async (e) => {
			console.error(await orgPage.textContent('main'));
			throw e;
		});

		// The attendee sees the badge with its QR code.
		await page.goto(`${app.url}/me`);
		await page.waitForSelector('[data-status="approved"]');
		const qr = await page.$('[data-testid="badge"] svg');
		check(qr, 'badge QR code shown as inline SVG');
		check((await page.textContent('[data-testid="badge"]'))?.includes('旅程示例'), 'badge shows the Chinese name');

		// Book a seat, see it on /me, then cancel it.
		await page.goto(`${app.url}/events/${SLUG}/sessions/${SESSION}/book`);
		await Promise.all([page.waitForURL(`**/events/${SLUG}/sessions/${SESSION}/book`), page.click('[data-testid="book-seat"] button[type="submit"]')]);
		await page.waitForSelector('[data-testid="book-seat"] input[name="intent"][value="cancel"]', { state: 'attached' });
		await page.goto(`${app.url}/me`);
		check(await page.$(`a[href="/events/${SLUG}/sessions/${SESSION}"]`), 'booked session listed on /me');
		await page.goto(`${app.url}/events/${SLUG}/sessions/${SESSION}/book`);
		await Promise.all([page.waitForURL(`**/events/${SLUG}/sessions/${SESSION}/book`), page.click('[data-testid="book-seat"] button[type="submit"]')]);
		await page.waitForSelector('[data-testid="book-seat"] input[name="intent"][value="book"]', { state: 'attached' });
		await page.goto(`${app.url}/me`);
		check(!(await page.$(`a[href="/events/${SLUG}/sessions/${SESSION}"]`)), 'cancelled seat gone from /me');
		await desk.close();
		await phone.close();
	} finally {
		await browser.close();
		await app.stop();
	}
}

async function logIn(page: Page, base: string, email: string) {
	// Wait for hydration: inputs typed into before it may be reset.
	await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', DEMO_PASSWORD);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.form button[type="submit"]')]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const t0 = Date.now();
	run().then(
		() => console.log(`registration journey passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`),
		(e) => {
			console.error(e);
			process.exit(1);
		}
	);
}
