import { describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import * as twoFactor from '$lib/server/auth/two-factor';
import * as auth from '$lib/server/auth';
import { hashPassword } from '$lib/server/auth/password';

useTestDatabase();

const codeAt = (secret: string, ms: number) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(ms / 30_000)), 6);
const ctx = { address: '10.9.9.9', userAgent: 'test' };

async function enrolled() {
	const user = await makeUser('staff', { passwordHash: await hashPassword('a long password x') });
	const { secret, uri } = await twoFactor.beginEnrolment(user);
	const u = new URL(uri);
	expect(u.protocol).toBe('otpauth:');
	expect(u.host).toBe('totp');
	expect(decodeURIComponent(u.pathname)).toBe(`/Innovation Week:${user.email}`);
	expect(Object.fromEntries(u.searchParams)).toEqual({ issuer: 'Innovation Week', algorithm: 'SHA1', secret, period: '30', digits: '6' });
	const now = Date.now();
	const codes = await twoFactor.confirmEnrolment(user, codeAt(secret, now), now);
	return { user, secret, codes };
}

describe('two-factor login', () => {
	it('enrols only with a right code and hands out ten single-use recovery codes', async () => {
		const user = await makeUser('organizer');
		const { secret } = await twoFactor.beginEnrolment(user);
		const wrong = await twoFactor.confirmEnrolment(user, '000000').catch((e) => e);
		expect(wrong.fields).toEqual({ code: ['e_totp_wrong'] });
		expect((await twoFactor.status(user)).enabled).toBe(false);
		const codes = await twoFactor.confirmEnrolment(user, codeAt(secret, Date.now()));
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const c of codes) expect(c).toMatch(/^[a-z2-7]{10}$/);
		expect(await twoFactor.status(user)).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });
	});

	it('turns a right password into a challenge, and the challenge into a session with the current code, once', async () => {
		const { user, secret } = await enrolled();
		const first = await auth.logIn({ email: user.email, password: 'a long password x' }, ctx);
		expect(first.kind).toBe('challenge');
		// The code used at enrolment (this time step) cannot be replayed; the next step's code works.
		const later = Date.now() + 30_000;
		const code = codeAt(secret, later);
		const userId = await twoFactor.completeChallenge((first as { token: string }).token, code, new Date(later));
		expect(userId).toBe(user.id);
		// The same code again, on a new challenge: refused.
		const second = (await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)) as { token: string };
		const replay = await twoFactor.completeChallenge(second.token, code, new Date(later)).catch((e) => e);
		expect(replay.fields).toEqual({ code: ['e_totp_wrong'] });
		// A used challenge cannot be reused either.
		expect((await twoFactor.completeChallenge((first as { token: string }).token, codeAt(secret, later + 30_000), new Date(later + 30_000)).catch((e) => e)).code).toBe('invalid_token');
	});

	it('accepts each recovery code once', async () => {
		const { user, codes } = await enrolled();
		const c1 = (await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)) as { token: string };
		expect(await twoFactor.completeChallenge(c1.token, codes[3].toUpperCase())).toBe(user.id);
		const c2 = (await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)) as { token: string };
		expect((await twoFactor.completeChallenge(c2.token, codes[3]).catch((e) => e)).fields).toEqual({ code: ['e_totp_wrong'] });
		expect((await twoFactor.status(user)).recoveryCodesLeft).toBe(9);
	});

	it('allows five tries per challenge and expires after five minutes', async () => {
		const { user, secret } = await enrolled();
		const c = (await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)) as { token: string };
		for (let i = 0; i < 5; i++) expect((await twoFactor.completeChallenge(c.token, '123456').catch((e) => e)).fields).toBeDefined();
		const later = Date.now() + 30_000;
		expect((await twoFactor.completeChallenge(c.token, codeAt(secret, later), new Date(later)).catch((e) => e)).code).toBe('invalid_token');
		const c2 = (await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)) as { token: string };
		const tooLate = Date.now() + 6 * 60_000;
		expect((await twoFactor.completeChallenge(c2.token, codeAt(secret, tooLate), new Date(tooLate)).catch((e) => e)).code).toBe('invalid_token');
	});

	it('can be required for staff roles, and then cannot be turned off by them', async () => {
		const organizer = await makeUser('organizer');
		const attendee = await makeUser('attendee');
		expect((await twoFactor.setRequiredRoles(attendee, ['staff']).catch((e) => e)).code).toBe('forbidden');
		await twoFactor.setRequiredRoles(organizer, ['staff', 'admin']);
		expect(await twoFactor.requiredRoles()).toEqual(['staff', 'admin']);
		const { user } = await enrolled();
		expect((await twoFactor.disable(user, 'a long password x').catch((e) => e)).code).toBe('forbidden');
		await twoFactor.setRequiredRoles(organizer, []);
		expect((await twoFactor.disable(user, 'wrong password!!').catch((e) => e)).fields).toEqual({ password: ['e_wrong_password'] });
		await twoFactor.disable(user, 'a long password x');
		expect((await auth.logIn({ email: user.email, password: 'a long password x' }, ctx)).kind).toBe('session');
	});
});
