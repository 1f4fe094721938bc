/**
 * No overselling across app instances: two production servers on one PostgreSQL take 200
 * simultaneous registrations for 50 places. PostgreSQL only (PGlite is one process by design).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startApp, freshDatabaseUrl, type App } from '../helpers/app';
import { openDatabase, type Connection } from '$lib/server/db';
import { users } from '$lib/server/auth/tables';
import { categories, registrations } from '$lib/server/registrations/tables';
import { events } from '$lib/server/events/tables';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';

const onPostgres = Boolean(process.env.DATABASE_URL);
const SLUG = 'haichuang-2018';
let apps: App[] = [];
let conn: Connection;

describe.skipIf(!onPostgres)('registration race across two app instances', () => {
	beforeAll(async () => {
		const databaseUrl = (await freshDatabaseUrl())!;
		// The first instance seeds the demo week; the second finds it there.
		apps.push(await startApp({ databaseUrl }));
		apps.push(await startApp({ databaseUrl }));
		conn = await openDatabase({ databaseUrl, poolMax: 4 });
	}, 300_000);
	afterAll(async () => {
		await Promise.all(apps.map((a) => a.stop()));
		apps = [];
		await conn?.close();
	});

	it('gives exactly 50 places and 150 waitlist spots, no one twice', async () => {
		const [event] = await conn.db.select().from(events).where(eq(events.slug, SLUG));
		const [category] = await conn.db
			.insert(categories)
			.values({ eventId: event.id, slug: 'race', name: { zh: '抢位', en: 'Race' }, capacity: 50, requiresApproval: false })
			.returning();
		const people = await conn.db
			.insert(users)
			.values(Array.from({ length: 200 }, (_, i) => ({ email: `race-${i}-${Date.now()}@example.com`, name: `Racer ${i}` })))
			.returning({ id: users.id });
		const tokens = [];
		for (const p of people) tokens.push((await createSession(p.id, { executor: conn.db })).token);
		const responses = await Promise.all(
			tokens.map((token, i) => {
				const app = apps[i % 2];
				return fetch(`${app.url}/api/v1/events/${SLUG}/registrations`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: app.url, cookie: `${SESSION_COOKIE}=${token}` },
					body: JSON.stringify({ category: 'race', answers: {}, consent: true })
				}).then(async (r) => ({ status: r.status, body: await r.json() }));
			})
		);
		expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
		expect(responses.filter((r) => r.body.status === 'approved')).toHaveLength(50);
		expect(responses.filter((r) => r.body.status === 'waitlisted')).toHaveLength(150);
		const [{ n, distinct, placed }] = await conn.db
			.select({
				n: sql<number>`count(*)::int`,
				distinct: sql<number>`count(distinct ${registrations.userId})::int`,
				placed: sql<number>`count(*) filter (where ${registrations.status} in ('approved','pending'))::int`
			})
			.from(registrations)
			.where(eq(registrations.categoryId, category.id));
		expect([n, distinct, placed]).toEqual([200, 200, 50]);
	}, 120_000);
});
