/**
 * Journey: an overseas attendee with an approved registration requests a visa letter on a phone,
 * an organizer approves it on a desktop, the attendee downloads the PDF (rendered to pixels: both
 * scripts there, not blank, the QR code decodes), and the letter verifies on the public page.
 */
import { devices, type Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { startApp, Browser, DEMO_PASSWORD } from '../helpers/app';
import { launch, snap, assert } from './browser';

const SLUG = 'haichuang-2018';
function check(cond: unknown, message: string): asserts cond {
	assert(cond, `visa journey: ${message}`);
}

/** Signs up and registers over HTTP, then an organizer approves: the journey starts after that. */
async function approvedAttendee(base: string, email: string, password: string) {
	const b = new Browser(base);
	const res = await b.post('/signup', { name: 'Mira Keller', email, password, locale: 'en', next: '/me' });
	check(res.status === 303, `signup ${res.status}`);
	const reg = await b.fetch(`/api/v1/events/${SLUG}/registrations`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base },
		body: JSON.stringify({ category: 'overseas-talent', answers: { field: 'ai', country: 'DE', dietary: '' }, consent: true })
	});
	const { id } = await reg.json();
	check(reg.status === 201, `register ${reg.status}`);
	const org = new Browser(base);
	await org.logIn('organizer@example.com', DEMO_PASSWORD);
	const ok = await org.fetch(`/api/v1/registrations/${id}/approve`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: '{}' });
	check(ok.status === 200, `approve registration ${ok.status}`);
}

async function logIn(page: Page, base: string, email: string, password: string) {
	await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.form button[type="submit"]')]);
}

/** Renders page 1 of a PDF to gray pixels with pdftoppm. */
function render(pdf: string, dpi: number) {
	const out = path.join(path.dirname(pdf), `page-${dpi}`);
	execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', pdf, out]);
	const file = fs.readdirSync(path.dirname(pdf)).find((f) => f.startsWith(`page-${dpi}`) && f.endsWith('.pgm'))!;
	const buf = fs.readFileSync(path.join(path.dirname(pdf), file));
	const [, w, h] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'))!.map(Number) as [unknown, number, number];
	const header = buf.length - w * h;
	return { w, h, px: buf.subarray(header) };
}

export default async function run(): Promise<void> {
	const app = await startApp();
	const browser = await launch();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'visa-e2e-'));
	try {
		const email = `visa-${Date.now().toString(36)}@example.com`;
		const password = 'visa-journey-password-1';
		await approvedAttendee(app.url, email, password);

		// On a phone: the request, with one mistake first (kept input, message beside the field).
		const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US', acceptDownloads: true });
		const page = await phone.newPage();
		await logIn(page, app.url, email, password);
		await page.goto(`${app.url}/me/visa`, { waitUntil: 'networkidle' });
		const fill = async (exit: string, expiry: string) => {
			await page.fill('input[name="passportName"]', 'Mira Keller');
			await page.selectOption('select[name="nationality"]', 'DE');
			await page.fill('input[name="passportNumber"]', 'C01X00T47');
			await page.fill('input[name="passportExpiry"]', expiry);
			await page.fill('input[name="dateOfBirth"]', '1987-05-19');
			await page.selectOption('select[name="sex"]', 'F');
			await page.fill('input[name="employer"]', 'Rhein Photonics GmbH');
			await page.fill('input[name="position"]', 'Head of Research');
			const start = await page.evaluate(() => document.body.innerText.match(/(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/)!.slice(1));
			await page.fill('input[name="entryDate"]', start[0]);
			await page.fill('input[name="exitDate"]', exit || start[1]);
			await page.fill('input[name="consulate"]', 'Frankfurt');
			return start;
		};
		const [, end] = await fill('', '2020-01-01');
		await page.click('form.form button[type="submit"]');
		await page.waitForSelector('#f-passportExpiry-err');
		check((await page.textContent('#f-passportExpiry-err'))?.includes('six months'), 'expiry message beside the field');
		check((await page.inputValue('input[name="employer"]')) === 'Rhein Photonics GmbH', 'typed value kept');
		await fill(end, '2034-02-28');
		await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.form button[type="submit"]')]);
		await page.waitForSelector('text=The organizers are reviewing your request.');
		await snap(page, 'visa-submitted-phone');

		// On a desktop: the organizer finds it in the queue and approves.
		const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
		const org = await desk.newPage();
		await logIn(org, app.url, 'organizer@example.com', DEMO_PASSWORD);
		await org.goto(`${app.url}/organizer/events/${SLUG}/visa?status=submitted`, { waitUntil: 'networkidle' });
		await Promise.all([org.waitForURL(/\/visa\/[0-9a-f-]{36}$/), org.click('a:has-text("MIRA KELLER")')]);
		check((await org.textContent('dl'))?.includes('C01X00T47'), 'organizer sees the passport number in clear');
		await Promise.all([org.waitForResponse((r) => r.request().method() === 'POST'), org.click('form[action="?/approve"] button')]);
		await org.waitForSelector('text=已批准');
		await snap(org, 'visa-approved-desktop');

		// The attendee downloads the letter.
		await page.goto(`${app.url}/me/visa`, { waitUntil: 'networkidle' });
		check(!(await page.content()).includes('C01X00T47'), 'the attendee’s page never shows the passport number in clear');
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download the letter")')]);
		const pdf = path.join(work, 'letter.pdf');
		await download.saveAs(pdf);
		const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
		for (const s of ['邀请函', 'INVITATION LETTER', 'MIRA KELLER', 'C01X00T47', '德国 Germany', 'Frankfurt']) check(text.includes(s), `PDF text has ${s}`);
		const { w, h, px } = render(pdf, 100);
		let dark = 0;
		for (const v of px) if (v < 128) dark++;
		check(dark / (w * h) > 0.02 && dark / (w * h) < 0.4, `page is neither blank nor black (${((dark / (w * h)) * 100).toFixed(1)} % dark)`);
		// Kept for people to look at (test-results/visa-letter.pdf).
		fs.copyFileSync(pdf, path.resolve('test-results', 'visa-letter.pdf'));
		const page1 = render(pdf, 200);
		const rgba = new Uint8ClampedArray(page1.w * page1.h * 4);
		for (let i = 0; i < page1.px.length; i++) rgba.set([page1.px[i], page1.px[i], page1.px[i], 255], i * 4);
		const qr = jsQR(rgba, page1.w, page1.h);
		check(qr?.data.startsWith(`${app.url}/verify/`), `the QR code decodes to the verification URL (${qr?.data})`);

		// Anyone verifies it, from the QR code's URL.
		const anon = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
		const v = await anon.newPage();
		await v.goto(qr!.data, { waitUntil: 'networkidle' });
		check((await v.textContent('[role="status"]'))?.includes('Genuine and valid'), 'verification says genuine');
		check((await v.textContent('dl'))?.includes('MI** KE****'), 'name partly masked');
		await snap(v, 'visa-verify-phone');
		// One character of the signature changed.
		await v.goto(qr!.data.replace(/s=(.)/, (_, c: string) => `s=${c === 'A' ? 'B' : 'A'}`), { waitUntil: 'networkidle' });
		check((await v.textContent('[role="status"]'))?.includes('Not genuine'), 'an altered QR is not genuine');
		await anon.close();
		await desk.close();
		await phone.close();
	} finally {
		await browser.close();
		await app.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const t0 = Date.now();
	run().then(
		() => console.log(`visa journey passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`),
		(e) => {
			console.error(e);
			process.exit(1);
		}
	);
}
