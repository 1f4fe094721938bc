/** Bearer tokens: who they stand for, and the batched look-up of tokens not in the cache. */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/auth/tables';
import * as tokens from '$lib/server/auth/api-tokens';

useTestDatabase();

const lastUsed = async (id: string) => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0].at;

describe('api token authentication', () => {
	it('stands for its owner with its scopes, and records its use at most once a minute', async () => {
		const u = await makeUser('staff');
		const { token, id } = await tokens.create(u, { name: 't', scopes: ['checkin:read'] });
		const now = new Date();
		tokens.clearCache();
		expect(await tokens.authenticate(token, now)).toMatchObject({ id: u.id, role: 'staff', email: u.email, tokenId: id, scopes: ['checkin:read'] });
		expect((await lastUsed(id))?.getTime()).toBe(now.getTime());
		tokens.clearCache();
		await tokens.authenticate(token, new Date(now.getTime() + 30_000));
		expect((await lastUsed(id))?.getTime()).toBe(now.getTime());
		tokens.clearCache();
		const later = new Date(now.getTime() + 61_000);
		await tokens.authenticate(token, later);
		expect((await lastUsed(id))?.getTime()).toBe(later.getTime());
	});

	it('refuses unknown, revoked and expired tokens and those of disabled accounts', async () => {
		const [a, b, c] = await Promise.all([makeUser(), makeUser(), makeUser()]);
		const revoked = await tokens.create(a, { name: 'r' });
		await tokens.revoke(a, revoked.id);
		const expired = await tokens.create(b, { name: 'e', expiresInDays: 1 });
		const disabled = await tokens.create(c, { name: 'd' });
		await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, c.id));
		tokens.clearCache();
		const inTwoDays = new Date(Date.now() + 2 * 86400_000);
		expect(await tokens.authenticate(`${tokens.TOKEN_PREFIX}unknown`)).toBeNull();
		expect(await tokens.authenticate(revoked.token)).toBeNull();
		expect(await tokens.authenticate(expired.token, inTwoDays)).toBeNull();
		expect(await tokens.authenticate(disabled.token)).toBeNull();
		// A refused token is not recorded as used.
		expect(await lastUsed(revoked.id)).toBeNull();
		expect(await lastUsed(disabled.id)).toBeNull();
	});

	it('looks up many tokens at once, each for its own owner, a repeated one once', async () => {
		const people = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
		const made = await Promise.all(people.map((p) => tokens.create(p, { name: 'rush' })));
		tokens.clearCache();
		const got = await Promise.all([...made, made[0]].map((m) => tokens.authenticate(m.token)));
		expect(got.map((a) => a?.id)).toEqual([...people, people[0]].map((p) => p.id));
		for (const m of made) expect(await lastUsed(m.id)).toBeInstanceOf(Date);
	});
});
