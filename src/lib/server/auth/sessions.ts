/**
 * Session management, written after the Lucia guide (the `lucia` package is deprecated).
 *
 * - The cookie holds `<id>.<secret>`: an 80-bit random id to find the row and a 160-bit random secret
 *   whose SHA-256 is stored and compared in constant time. A read of the table yields no working
 *   cookie, and lookup timing depends only on the id, which is not secret.
 * - Two clocks: an inactivity timeout that slides forward while the session is used (renewed at most
 *   once an hour to keep reads cheap) and an absolute lifetime that never moves.
 * - A new token at every login (no fixation); logging out deletes the row; "log out everywhere"
 *   deletes every row of the user; disabling a user deletes them too.
 */
import { and, eq, lt, or } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { sessions, users } from './tables';
import { generateToken, hashToken, sameDigest } from './tokens';

export const INACTIVITY_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
const RENEW_AFTER_MS = 3600 * 1000;

export const SESSION_COOKIE = 'hw_session';

export type SessionUser = Pick<
	typeof users.$inferSelect,
	'id' | 'email' | 'name' | 'nameZh' | 'role' | 'partnerId' | 'locale' | 'organization' | 'totpEnabledAt'
>;
export type Session = typeof sessions.$inferSelect;

export async function createSession(
	userId: string,
	opts: { userAgent?: string | null; now?: Date; executor?: Executor } = {}
): Promise<{ token: string; session: Session }> {
	const now = opts.now ?? new Date();
	const id = generateToken(10);
	const secret = generateToken(20);
	const token = `${id}.${secret}`;
	const row = {
		id,
		secretHash: hashToken(secret),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + INACTIVITY_MS),
		absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_MS),
		userAgent: opts.userAgent?.slice(0, 300) ?? null
	};
	await (opts.executor ?? db).insert(sessions).values(row);
	return { token, session: row };
}

export async function validateSession(
	token: string,
	now = new Date()
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const { id, secret } = parsed;
	const [row] = await db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				nameZh: users.nameZh,
				role: users.role,
				partnerId: users.partnerId,
				locale: users.locale,
				organization: users.organization,
				totpEnabledAt: users.totpEnabledAt,
				disabledAt: users.disabledAt
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.limit(1);
	if (!row || !sameDigest(hashToken(secret), row.session.secretHash)) return null;
	const { session, user } = row;
	if (user.disabledAt || now >= session.expiresAt || now >= session.absoluteExpiresAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	// Sliding renewal, bounded by the absolute lifetime.
	let renewed = false;
	if (session.expiresAt.getTime() - now.getTime() < INACTIVITY_MS - RENEW_AFTER_MS) {
		const expiresAt = new Date(Math.min(now.getTime() + INACTIVITY_MS, session.absoluteExpiresAt.getTime()));
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
		session.expiresAt = expiresAt;
		renewed = true;
	}
	const { disabledAt: _disabled, ...publicUser } = user;
	return { session, user: publicUser, renewed };
}

function parseToken(token: string): { id: string; secret: string } | null {
	const m = /^([a-z2-7]{16})\.([a-z2-7]{32})$/.exec(token);
	return m ? { id: m[1], secret: m[2] } : null;
}

export async function invalidateSession(token: string): Promise<void> {
	const parsed = parseToken(token);
	if (!parsed) return;
	await db.delete(sessions).where(and(eq(sessions.id, parsed.id), eq(sessions.secretHash, hashToken(parsed.secret))));
}

export async function invalidateUserSessions(userId: string, executor: Executor = db): Promise<void> {
	await executor.delete(sessions).where(eq(sessions.userId, userId));
}

export async function listUserSessions(userId: string) {
	return db
		.select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
		.from(sessions)
		.where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(now = new Date()): Promise<void> {
	await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
}

export function sessionCookieOptions(secure: boolean, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires };
}
