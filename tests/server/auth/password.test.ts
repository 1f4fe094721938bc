import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import * as auth from '$lib/server/auth';
import { DomainError } from '$lib/server/errors';
import { signUpSchema } from '$lib/schemas/auth';

useTestDatabase();

const ctx = () => ({ address: `10.0.0.${Math.floor(Math.random() * 250)}`, userAgent: 'test', locale: 'en' as const });

describe('passwords', () => {
	it('are hashed with argon2id and verified', async () => {
		const h = await hashPassword('correct horse battery');
		expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(h, 'correct horse batterY')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});

	it('sign up then log in; a wrong password is refused with invalid_credentials', async () => {
		const input = signUpSchema.parse({ email: 'Mixed.Case@Example.com', password: 'a long password', name: 'Jane Example' });
		const signed = await auth.signUp(input, ctx());
		expect(signed.user.email).toBe('mixed.case@example.com');
		expect(signed.user.role).toBe('attendee');
		const ok = await auth.logIn({ email: 'mixed.case@example.com', password: 'a long password' }, ctx());
		expect(ok.user.id).toBe(signed.user.id);
		expect(ok.token).not.toBe(signed.token);
		const err = await auth.logIn({ email: 'mixed.case@example.com', password: 'wrong password' }, ctx()).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('invalid_credentials');
		const unknown = await auth.logIn({ email: 'nobody@example.com', password: 'whatever1234' }, ctx()).catch((e) => e);
		expect(unknown.code).toBe('invalid_credentials');
	});

	it('refuses a second account with the same email', async () => {
		const input = signUpSchema.parse({ email: 'twice@example.com', password: 'a long password', name: 'Twice' });
		await auth.signUp(input, ctx());
		const err = await auth.signUp(input, ctx()).catch((e) => e);
		expect(err.code).toBe('email_taken');
		expect(err.status).toBe(409);
	});

	it('rate limits login per account with 429 and a retry time', async () => {
		const input = signUpSchema.parse({ email: 'limited@example.com', password: 'a long password', name: 'Limited' });
		await auth.signUp(input, ctx());
		const codes: string[] = [];
		for (let i = 0; i < 12; i++) {
			const e = await auth.logIn({ email: 'limited@example.com', password: `wrong-${i}-password` }, ctx()).catch((x) => x);
			codes.push(e.code);
		}
		expect(codes.slice(0, 10)).toEqual(Array(10).fill('invalid_credentials'));
		expect(codes.slice(10)).toEqual(['rate_limited', 'rate_limited']);
		const e = await auth.logIn({ email: 'limited@example.com', password: 'a long password' }, ctx()).catch((x) => x);
		expect(e.status).toBe(429);
		expect(e.details.retryAfter).toBeGreaterThan(800);
	});

	it('resets a password with a single-use, expiring link', async () => {
		const input = signUpSchema.parse({ email: 'forgot@example.com', password: 'a long password', name: 'Forgetful' });
		const { token: oldSession } = await auth.signUp(input, ctx());
		await auth.requestPasswordReset('forgot@example.com', { address: '10.1.1.1' });
		const mails = await (await import('$lib/server/mail')).list({ limit: 10 });
		const mail = mails.find((m) => m.to === 'forgot@example.com' && m.kind === 'password_reset')!;
		expect(mail.locale).toBe('en');
		const token = mail.text.match(/reset-password\/([a-z2-7]+)/)![1];
		expect(await auth.checkResetToken(token)).toBe(true);
		await auth.resetPassword(token, 'a brand new password');
		// Single use.
		expect((await auth.resetPassword(token, 'another new password').catch((e) => e)).code).toBe('invalid_token');
		// Sessions from before the reset are gone; the new password works.
		const { validateSession } = await import('$lib/server/auth/sessions');
		expect(await validateSession(oldSession)).toBeNull();
		expect((await auth.logIn({ email: 'forgot@example.com', password: 'a brand new password' }, ctx())).user.email).toBe('forgot@example.com');
		// Expired links do not work.
		await auth.requestPasswordReset('forgot@example.com', { address: '10.1.1.2' });
		const again = (await (await import('$lib/server/mail')).list({ limit: 10 })).find((m) => m.to === 'forgot@example.com' && m.kind === 'password_reset' && !m.text.includes(token))!;
		const t2 = again.text.match(/reset-password\/([a-z2-7]+)/)![1];
		expect((await auth.resetPassword(t2, 'too late password', new Date(Date.now() + 2 * 3600_000)).catch((e) => e)).code).toBe('invalid_token');
	});
});
