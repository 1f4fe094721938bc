import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { sessions } from '$lib/server/auth/tables';
import {
	ABSOLUTE_MS,
	INACTIVITY_MS,
	createSession,
	invalidateSession,
	invalidateUserSessions,
	validateSession
} from '$lib/server/auth/sessions';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import * as auth from '$lib/server/auth';

useTestDatabase();

describe('session tokens', () => {
	it('carry a 160-bit secret that is never stored in clear', async () => {
		const user = await makeUser();
		const { token, session } = await createSession(user.id);
		expect(token).toMatch(/^[a-z2-7]{16}\.[a-z2-7]{32}$/); // 80-bit id . 160-bit secret (base32)
		const [id, secret] = token.split('.');
		expect(session.id).toBe(id);
		expect(session.secretHash).toBe(hashToken(secret));
		expect(session.secretHash).toMatch(/^[0-9a-f]{64}$/);
		const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(secret);
	});

	it('are distinct every time', () => {
		const seen = new Set(Array.from({ length: 2000 }, () => generateToken()));
		expect(seen.size).toBe(2000);
	});

	it('validate, and a wrong or malformed token does not', async () => {
		const user = await makeUser('staff');
		const { token } = await createSession(user.id);
		const ok = await validateSession(token);
		expect(ok?.user.id).toBe(user.id);
		expect(ok?.user.role).toBe('staff');
		expect(await validateSession(generateToken())).toBeNull();
		// The right id with a wrong secret is refused (compared in constant time).
		expect(await validateSession(`${token.split('.')[0]}.${generateToken()}`)).toBeNull();
		expect(await validateSession("' or 1=1 --")).toBeNull();
	});

	it('expire after the inactivity timeout', async () => {
		const user = await makeUser();
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(user.id, { now: t0 });
		expect(await validateSession(token, new Date(t0.getTime() + INACTIVITY_MS - 1000))).not.toBeNull();
		const { token: t2 } = await createSession(user.id, { now: t0 });
		expect(await validateSession(t2, new Date(t0.getTime() + INACTIVITY_MS + 1))).toBeNull();
		// An expired session is deleted, not only refused.
		expect(await db.select().from(sessions).where(eq(sessions.id, t2.split('.')[0]))).toHaveLength(0);
	});

	it('slide forward while used, but never past the absolute lifetime', async () => {
		const user = await makeUser();
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(user.id, { now: t0 });
		// Use it every 5 days: it stays alive past the 7-day inactivity window...
		let now = t0;
		for (let day = 5; day <= 25; day += 5) {
			now = new Date(t0.getTime() + day * 86400_000);
			const r = await validateSession(token, now);
			expect(r, `day ${day}`).not.toBeNull();
			expect(r!.session.expiresAt.getTime()).toBe(Math.min(now.getTime() + INACTIVITY_MS, t0.getTime() + ABSOLUTE_MS));
		}
		// ...until the 30-day absolute lifetime ends it.
		expect(await validateSession(token, new Date(t0.getTime() + ABSOLUTE_MS))).toBeNull();
	});

	it('log out ends one session; log out everywhere ends all', async () => {
		const user = await makeUser();
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		const c = await createSession(user.id);
		await invalidateSession(a.token);
		expect(await validateSession(a.token)).toBeNull();
		expect(await validateSession(b.token)).not.toBeNull();
		await invalidateUserSessions(user.id);
		expect(await validateSession(b.token)).toBeNull();
		expect(await validateSession(c.token)).toBeNull();
	});

	it('end when the user is disabled', async () => {
		const admin = await makeUser('admin');
		const user = await makeUser();
		const { token } = await createSession(user.id);
		await auth.setDisabled(admin, user.id, true);
		expect(await validateSession(token)).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
	});
});
