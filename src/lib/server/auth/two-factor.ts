/**
 * Two-factor login with TOTP (RFC 6238: 30-second steps, 6 digits, HMAC-SHA1 as authenticator apps
 * expect) and single-use recovery codes.
 *
 * - Enrolment: a random 160-bit key is stored, shown as an otpauth:// QR code, and enabled only once
 *   the person proves it with a code.
 * - Login: a right password for an enrolled account opens a five-minute challenge instead of a
 *   session; the session is created only after a valid code (five tries per challenge).
 * - A code is accepted for the current step and one step either side (clock drift), and never twice:
 *   the last accepted step is remembered.
 * - Organizers may require two-factor login for staff, organizers and admins (setting `require_2fa`).
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { db } from '../db';
import { loginChallenges, recoveryCodes, settings, users } from './tables';
import { DomainError } from '../errors';
import { generateToken, hashToken, sameDigest } from './tokens';
import { verifyPassword } from './password';
import { requireRole, type Actor } from './access';
import { record } from '../audit';
import type { Role } from '$lib/schemas/auth';

const STEP = 30;
const DIGITS = 6;
const CHALLENGE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
export const ISSUER = 'Innovation Week';
export const CHALLENGE_COOKIE = 'hw_2fa';

const keyOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

/** The time step whose code matches, within one step of `now`, or null. */
export function matchingStep(key: Uint8Array, code: string, now = Date.now()): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = Math.floor(now / 1000 / STEP);
	for (const step of [current, current - 1, current + 1]) {
		if (sameDigest(generateHOTP(key, BigInt(step), DIGITS), code)) return step;
	}
	return null;
}

export async function status(actor: Actor) {
	const [u] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
	const [{ left }] = await db
		.select({ left: sql<number>`count(*)::int` })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)));
	return { enabled: !!u?.enabledAt, recoveryCodesLeft: left, required: await isRequiredFor(actor.role) };
}

/** Starts (or restarts) enrolment: a fresh key, not yet enabled. */
export async function beginEnrolment(actor: Actor) {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	await db.update(users).set({ totpKey: Buffer.from(key).toString('base64'), totpEnabledAt: null, totpLastCounter: null }).where(eq(users.id, actor.id));
	return { uri: createTOTPKeyURI(ISSUER, actor.email, key, STEP, DIGITS), secret: encodeBase32UpperCaseNoPadding(key) };
}

/** Confirms enrolment with a code; returns ten recovery codes, shown once. */
export async function confirmEnrolment(actor: Actor, code: string, now = Date.now()): Promise<string[]> {
	const [u] = await db.select({ key: users.totpKey, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
	if (!u?.key || u.enabledAt) throw new DomainError('invalid_input', { fields: { code: ['e_totp_not_enrolling'] } });
	const step = matchingStep(keyOf(u.key), code.trim(), now);
	if (step === null) throw new DomainError('invalid_input', { fields: { code: ['e_totp_wrong'] } });
	const codes = Array.from({ length: 10 }, () => generateToken(8).slice(0, 10));
	await db.transaction(async (tx) => {
		await tx.update(users).set({ totpEnabledAt: new Date(now), totpLastCounter: step }).where(eq(users.id, actor.id));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
		await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: actor.id, codeHash: hashToken(c) })));
		await record(actor, 'user.2fa_enable', { targetType: 'user', targetId: actor.id }, tx);
	});
	return codes;
}

export async function disable(actor: Actor, password: string) {
	const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
	if (!u?.hash || !(await verifyPassword(u.hash, password))) throw new DomainError('invalid_input', { fields: { password: ['e_wrong_password'] } });
	if (await isRequiredFor(actor.role)) throw new DomainError('forbidden', { fields: { password: ['e_totp_required'] } });
	await db.transaction(async (tx) => {
		await tx.update(users).set({ totpKey: null, totpEnabledAt: null, totpLastCounter: null }).where(eq(users.id, actor.id));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
		await record(actor, 'user.2fa_disable', { targetType: 'user', targetId: actor.id }, tx);
	});
}

export async function isEnabled(userId: string): Promise<boolean> {
	const [u] = await db.select({ at: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
	return !!u?.at;
}

/** After a right password: a challenge token for the second step. */
export async function openChallenge(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + CHALLENGE_MS);
	await db.insert(loginChallenges).values({ id: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

/** Checks the second factor; returns the user id to open a session for. */
export async function completeChallenge(token: string, code: string, now = new Date()): Promise<string> {
	const id = hashToken(token);
	const userId = await db.transaction(async (tx) => {
		const [ch] = await tx
			.update(loginChallenges)
			.set({ attempts: sql`${loginChallenges.attempts} + 1` })
			.where(and(eq(loginChallenges.id, id), gt(loginChallenges.expiresAt, now)))
			.returning();
		if (!ch || ch.attempts > MAX_ATTEMPTS) return { error: 'invalid_token' as const };
		const [u] = await tx.select({ key: users.totpKey, last: users.totpLastCounter }).from(users).where(eq(users.id, ch.userId)).for('update');
		const clean = code.replace(/\s|-/g, '').toLowerCase();
		if (/^\d{6}$/.test(clean) && u?.key) {
			const step = matchingStep(keyOf(u.key), clean, now.getTime());
			if (step !== null && (u.last === null || step > u.last)) {
				await tx.update(users).set({ totpLastCounter: step }).where(eq(users.id, ch.userId));
				await tx.delete(loginChallenges).where(eq(loginChallenges.id, id));
				return { userId: ch.userId };
			}
		} else if (/^[a-z2-7]{10}$/.test(clean)) {
			const [used] = await tx
				.update(recoveryCodes)
				.set({ usedAt: now })
				.where(and(eq(recoveryCodes.userId, ch.userId), eq(recoveryCodes.codeHash, hashToken(clean)), isNull(recoveryCodes.usedAt)))
				.returning({ id: recoveryCodes.id });
			if (used) {
				await tx.delete(loginChallenges).where(eq(loginChallenges.id, id));
				await record({ id: ch.userId }, 'user.2fa_recovery_code_used', { targetType: 'user', targetId: ch.userId }, tx);
				return { userId: ch.userId };
			}
		}
		return { error: 'wrong' as const };
	});
	if ('error' in userId) {
		if (userId.error === 'invalid_token') throw new DomainError('invalid_token');
		throw new DomainError('invalid_input', { status: 401, fields: { code: ['e_totp_wrong'] } });
	}
	return userId.userId;
}

// ---- policy --------------------------------------------------------------------------------

const POLICY_KEY = 'require_2fa';
const REQUIRABLE: Role[] = ['staff', 'organizer', 'admin'];

export async function requiredRoles(): Promise<Role[]> {
	const [row] = await db.select().from(settings).where(eq(settings.key, POLICY_KEY));
	return row ? (row.value.split(',').filter((r) => REQUIRABLE.includes(r as Role)) as Role[]) : [];
}

export async function isRequiredFor(role: Role): Promise<boolean> {
	return (await requiredRoles()).includes(role);
}

/** Organizers (and admins) decide which staff roles must use two-factor login. */
export async function setRequiredRoles(actor: Actor, roles: Role[]) {
	requireRole(actor, 'organizer', 'admin');
	const value = roles.filter((r) => REQUIRABLE.includes(r)).join(',');
	await db.insert(settings).values({ key: POLICY_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
	await record(actor, 'settings.require_2fa', { data: { roles: value } });
}
