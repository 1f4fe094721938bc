/** Two-factor login over HTTP: enrolment in the account page, the login challenge, and the requirement. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

let app: App;
beforeAll(async () => {
	app = await startApp();
}, 120_000);
afterAll(async () => {
	await app?.stop();
});

const code = (secret: string, offsetSteps = 0) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offsetSteps), 6);

describe('two-factor login over HTTP', () => {
	it('enrols in the account page, then asks for a code at login', async () => {
		const b = new Browser(app.url);
		await b.post('/signup', { name: 'Two Factor', email: 'tf@example.com', password: 'a long password 2' });
		const begin = await (await b.post('/account?/tfaBegin', {})).text();
		const secret = begin.match(/<code>([A-Z2-7]{32})<\/code>/)![1];
		expect(begin).toContain('<svg');
		const confirmed = await (await b.post('/account?/tfaConfirm', { code: code(secret) })).text();
		const recovery = [...confirmed.matchAll(/<li><code>([a-z2-7]{10})<\/code><\/li>/g)].map((m) => m[1]);
		expect(recovery).toHaveLength(10);

		const c = new Browser(app.url);
		const login = await c.post('/login', { email: 'tf@example.com', password: 'a long password 2' });
		expect(login.status).toBe(303);
		expect(login.headers.get('location')).toBe('/login/2fa');
		expect(c.cookies.has('hw_session')).toBe(false);
		expect((await c.fetch('/me')).status).toBe(303);
		const wrong = await c.post('/login/2fa', { code: '000000' });
		expect(wrong.status).toBe(401);
		const ok = await c.post('/login/2fa', { code: recovery[0] });
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/me');
		expect((await c.fetch('/me')).status).toBe(200);

		// The API asks for the code too.
		const api = await fetch(`${app.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'tf@example.com', password: 'a long password 2' }) });
		expect(api.status).toBe(401);
		expect((await api.json()).error.code).toBe('two_factor_required');
		const withCode = await fetch(`${app.url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'tf@example.com', password: 'a long password 2', code: code(secret, 1) })
		});
		expect(withCode.status).toBe(201);
	});

	it('when organizers require it, staff must enrol before entering their area', async () => {
		const organizer = new Browser(app.url);
		await organizer.logIn('organizer@example.com', DEMO_PASSWORD);
		expect((await organizer.post('/organizer?/require2fa', { roles: 'staff' })).status).toBe(200);
		const staff = new Browser(app.url);
		await staff.logIn('staff@example.com', DEMO_PASSWORD);
		const r = await staff.fetch('/staff');
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/account?setup2fa=1#two-factor');
		expect((await staff.fetch('/account?setup2fa=1')).status).toBe(200);
		expect((await organizer.post('/organizer?/require2fa', {})).status).toBe(200);
		await new Promise((r) => setTimeout(r, 5_100)); // the policy is cached for five seconds
		expect((await staff.fetch('/staff')).status).toBe(200);
	});
});
