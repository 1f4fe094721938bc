/**
 * Account verbs: sign up, log in, passwords, profile, roles. Each takes the acting user (or the
 * request's address for anonymous actions) and checks access itself.
 */
import { and, asc, eq, gt, ilike, isNull, or, sql, count } from 'drizzle-orm';
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { passwordResets, users } from './tables';
import { partners } from '../partners/tables';
import { DomainError } from '../errors';
import { hashPassword, verifyPassword, decoyHash } from './password';
import { createSession, invalidateUserSessions } from './sessions';
import { generateToken, hashToken } from './tokens';
import { hit, LIMITS, clear } from './rate-limit';
import { requireRole, type Actor } from './access';
import { record } from '../audit';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import type { Role } from '$lib/schemas/auth';
import type { SignUpInput } from '$lib/schemas/auth';
import { clearCache as clearTokenCache } from './api-tokens';
import * as twoFactor from './two-factor';

export * from './access';
export type { SessionUser } from './sessions';

const RESET_MS = 3600_000;

function baseUrl() {
	return (process.env.PUBLIC_BASE_URL ?? process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** Sign-up creates an attendee; roles are granted by admins. */
export async function signUp(
	input: SignUpInput,
	ctx: { address: string; userAgent?: string | null; locale: 'zh-CN' | 'en' }
) {
	await hit(`signup:ip:${ctx.address}`, LIMITS.signupPerAddress);
	await hit(`signup:acct:${input.email}`, LIMITS.loginPerAccount);
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({
					email: input.email,
					name: input.name,
					nameZh: input.nameZh ?? null,
					organization: input.organization ?? null,
					passwordHash,
					role: 'attendee',
					locale: input.locale ?? ctx.locale
				})
				.returning();
			const locale = user.locale;
			await mail.enqueue(
				{
					to: user.email,
					kind: 'welcome',
					locale,
					subject: t('mail_welcome_subject', locale),
					text: `${t('mail_welcome_body', locale, { name: user.name, link: `${baseUrl()}/login` })}\n\n${t('mail_footer', locale)}`
				},
				tx
			);
			const session = await createSession(user.id, { userAgent: ctx.userAgent, executor: tx });
			return { user, ...session };
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('email_taken', { fields: { email: ['e_email_taken'] } });
		throw e;
	}
}

/** Checks email and password under the rate limits; returns the user without opening a session. */
export async function verifyCredentials(input: { email: string; password: string }, ctx: { address: string }) {
	await hit(`login:ip:${ctx.address}`, LIMITS.loginPerAddress);
	await hit(`login:acct:${input.email}`, LIMITS.loginPerAccount);
	const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
	const ok = user?.passwordHash
		? await verifyPassword(user.passwordHash, input.password)
		: (await verifyPassword(await decoyHash(), input.password), false);
	if (!user || !ok) throw new DomainError('invalid_credentials');
	if (user.disabledAt) throw new DomainError('account_disabled');
	await clear(`login:acct:${input.email}`);
	return user;
}

/**
 * A right password opens a session, or, for an account with two-factor login, a challenge that
 * `completeTwoFactor` turns into a session.
 */
export async function logIn(input: { email: string; password: string }, ctx: { address: string; userAgent?: string | null }) {
	const user = await verifyCredentials(input, ctx);
	if (user.totpEnabledAt) return { kind: 'challenge' as const, user, ...(await twoFactor.openChallenge(user.id)) };
	const session = await createSession(user.id, { userAgent: ctx.userAgent });
	return { kind: 'session' as const, user, ...session };
}

export async function completeTwoFactor(challengeToken: string, code: string, ctx: { address: string; userAgent?: string | null }) {
	await hit(`2fa:ip:${ctx.address}`, LIMITS.loginPerAddress);
	const userId = await twoFactor.completeChallenge(challengeToken, code);
	const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!user || user.disabledAt) throw new DomainError('account_disabled');
	const session = await createSession(user.id, { userAgent: ctx.userAgent });
	return { user, ...session };
}

export async function changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
	await hit(`login:acct:${actor.email}`, LIMITS.loginPerAccount);
	const [user] = await db.select().from(users).where(eq(users.id, actor.id)).limit(1);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		throw new DomainError('invalid_input', { fields: { currentPassword: ['e_wrong_password'] } });
	}
	const passwordHash = await hashPassword(input.newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
		// Other devices are logged out; the current one gets a fresh session below.
		await invalidateUserSessions(actor.id, tx);
	});
	await record(actor, 'user.password_change', { targetType: 'user', targetId: actor.id });
	return createSession(actor.id);
}

/** Always answers the same way, whether or not the email has an account. */
export async function requestPasswordReset(email: string, ctx: { address: string }) {
	await hit(`reset:ip:${ctx.address}`, LIMITS.loginPerAddress);
	await hit(`reset:acct:${email}`, LIMITS.resetPerAccount);
	const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
	if (!user || user.disabledAt || user.erasedAt) return;
	const token = generateToken();
	await db.transaction(async (tx) => {
		await tx.insert(passwordResets).values({ id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_MS) });
		await mail.enqueue(
			{
				to: user.email,
				kind: 'password_reset',
				locale: user.locale,
				subject: t('mail_reset_subject', user.locale),
				text: `${t('mail_reset_body', user.locale, { name: user.name, link: `${baseUrl()}/reset-password/${token}` })}\n\n${t('mail_footer', user.locale)}`
			},
			tx
		);
	});
}

/** Single use, expiring: the row is claimed by one conditional update. */
export async function resetPassword(token: string, password: string, now = new Date()) {
	const passwordHash = await hashPassword(password);
	const userId = await db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(passwordResets)
			.set({ usedAt: now })
			.where(and(eq(passwordResets.id, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
			.returning({ userId: passwordResets.userId });
		if (!claimed) return null;
		await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
		await invalidateUserSessions(claimed.userId, tx);
		return claimed.userId;
	});
	if (!userId) throw new DomainError('invalid_token');
	await record({ id: userId }, 'user.password_reset', { targetType: 'user', targetId: userId });
}

export async function checkResetToken(token: string, now = new Date()): Promise<boolean> {
	const [row] = await db
		.select({ id: passwordResets.id })
		.from(passwordResets)
		.where(and(eq(passwordResets.id, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
		.limit(1);
	return !!row;
}

export async function updateProfile(
	actor: Actor,
	input: { name: string; nameZh?: string; organization?: string; locale: 'zh-CN' | 'en' }
) {
	await db
		.update(users)
		.set({ name: input.name, nameZh: input.nameZh ?? null, organization: input.organization ?? null, locale: input.locale })
		.where(eq(users.id, actor.id));
}

export async function getUser(actor: Actor, id: string) {
	if (actor.id !== id) requireRole(actor, 'admin');
	const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
	if (!user) throw new DomainError('not_found');
	return user;
}

// ---- administration -------------------------------------------------------------------------

export async function listUsers(actor: Actor, opts: { q?: string; page?: number; pageSize?: number } = {}) {
	requireRole(actor, 'admin');
	const pageSize = Math.min(100, Math.max(1, opts.pageSize ?? 50));
	const page = Math.max(1, opts.page ?? 1);
	const q = opts.q?.trim();
	const like = q ? `%${q.replace(/[%_\\]/g, '\\$&')}%` : '';
	const where = q ? or(ilike(users.email, like), ilike(users.name, like), ilike(users.nameZh, like)) : undefined;
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: users.id,
				email: users.email,
				name: users.name,
				nameZh: users.nameZh,
				role: users.role,
				partnerId: users.partnerId,
				partnerName: partners.name,
				disabledAt: users.disabledAt,
				createdAt: users.createdAt
			})
			.from(users)
			.leftJoin(partners, eq(partners.id, users.partnerId))
			.where(where)
			// Staff accounts first (the ones an admin manages), then everyone by name.
			.orderBy(sql`case ${users.role} when 'admin' then 0 when 'organizer' then 1 when 'staff' then 2 when 'partner' then 3 else 4 end`, asc(users.name), asc(users.email))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(users).where(where)
	]);
	return { rows, total, page, pageSize };
}

export async function setRole(actor: Actor, input: { userId: string; role: Role; partnerId?: string }) {
	requireRole(actor, 'admin');
	if (input.role === 'partner' && !input.partnerId) {
		throw new DomainError('invalid_input', { fields: { partnerId: ['v_required'] } });
	}
	if (input.userId === actor.id && input.role !== 'admin') {
		// An admin cannot demote themselves and lock everyone out by accident.
		throw new DomainError('forbidden');
	}
	const partnerId = input.role === 'partner' ? input.partnerId! : null;
	if (partnerId) {
		const [p] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).limit(1);
		if (!p) throw new DomainError('invalid_input', { fields: { partnerId: ['v_choice'] } });
	}
	const [user] = await db.update(users).set({ role: input.role, partnerId }).where(eq(users.id, input.userId)).returning();
	if (!user) throw new DomainError('not_found');
	clearTokenCache();
	await record(actor, 'user.role_grant', { targetType: 'user', targetId: user.id, data: { role: input.role, partnerId } });
	return user;
}

export async function setDisabled(actor: Actor, userId: string, disabled: boolean) {
	requireRole(actor, 'admin');
	if (userId === actor.id) throw new DomainError('forbidden');
	const user = await db.transaction(async (tx) => {
		const [u] = await tx
			.update(users)
			.set({ disabledAt: disabled ? new Date() : null })
			.where(eq(users.id, userId))
			.returning();
		if (u && disabled) await invalidateUserSessions(userId, tx);
		return u;
	});
	if (!user) throw new DomainError('not_found');
	clearTokenCache();
	await record(actor, disabled ? 'user.disable' : 'user.enable', { targetType: 'user', targetId: userId });
	return user;
}

/**
 * `npm run admin -- create-user`: creates the account or updates its password, role and name.
 * Runs without an actor: it is the operator's own tool on the server.
 */
export async function upsertUser(input: {
	email: string;
	password: string;
	role: Role;
	name?: string;
	partnerSlug?: string;
}) {
	let partnerId: string | null = null;
	if (input.role === 'partner') {
		if (!input.partnerSlug) throw new DomainError('invalid_input', { message: '--partner SLUG is required for the partner role' });
		const [p] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, input.partnerSlug)).limit(1);
		if (!p) throw new DomainError('not_found', { message: `no partner with slug ${input.partnerSlug}` });
		partnerId = p.id;
	}
	const passwordHash = await hashPassword(input.password);
	const [user] = await db
		.insert(users)
		.values({ email: input.email, name: input.name ?? input.email.split('@')[0], passwordHash, role: input.role, partnerId })
		.onConflictDoUpdate({
			target: users.email,
			set: {
				passwordHash,
				role: input.role,
				partnerId,
				disabledAt: null,
				...(input.name ? { name: input.name } : {})
			}
		})
		.returning();
	await record(null, 'user.cli_upsert', { targetType: 'user', targetId: user.id, data: { role: input.role } });
	return user;
}

export async function countUsers() {
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
	return n;
}

/** The account's own data: export (right of access) and erasure. */
export { exportMyData, eraseMyAccount } from './my-data';
