/** The organizer list with 10,000 people: each filter answers fast and uses the event-scoped indexes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db, rowsOf } from '$lib/server/db';
import { users } from '$lib/server/auth/tables';
import { registrations as regTable } from '$lib/server/registrations/tables';
import { newPublicId } from '$lib/server/registrations/public-id';
import * as registrations from '$lib/server/registrations';
import { eventWithCategory } from './helpers';

useTestDatabase();

const N = 10_000;
const COUNTRIES = ['US', 'CA', 'JP', 'DE', 'GB', 'AU', 'SG', 'FR', 'IL', 'NL', 'KR', 'CN'];
const STATES = ['pending', 'approved', 'waitlisted', 'rejected', 'cancelled'] as const;
let slug = '';
let eventId = '';

beforeAll(async () => {
	// A second event's rows make the event filter matter, as in a real multi-edition database.
	for (const round of [0, 1]) {
		const { event, category } = await eventWithCategory({ capacity: null });
		if (round === 0) {
			slug = event.slug;
			eventId = event.id;
		}
		const count = round === 0 ? N : 2000;
		for (let i = 0; i < count; i += 1000) {
			const people = await db
				.insert(users)
				.values(Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ email: `p${round}-${i + j}-${Math.random().toString(36).slice(2, 6)}@example.com`, name: `Person ${i + j}` })))
				.returning({ id: users.id });
			await db.insert(regTable).values(
				people.map((p, j) => ({
					publicId: newPublicId(),
					eventId: event.id,
					userId: p.id,
					categoryId: category.id,
					status: STATES[(i + j) % 5],
					country: COUNTRIES[(i + j) % 12],
					field: (i + j) % 2 ? 'ai' : 'bio',
					answers: {}
				}))
			);
		}
	}
	await db.execute(sql`analyze`);
}, 120_000);

describe('organizer list at 10,000 registrations', () => {
	it('filters, counts and pages quickly', async () => {
		const org = await makeUser('organizer');
		const cases = [{}, { status: 'approved' as const }, { country: 'JP' }, { field: 'ai', sort: 'name' as const }, { q: 'Person 99' }, { page: 150 }];
		const timings: Record<string, number> = {};
		for (const c of cases) {
			const t0 = performance.now();
			const r = await registrations.list(org, slug, c);
			timings[JSON.stringify(c)] = Math.round(performance.now() - t0);
			if (!Object.keys(c).length) expect(r.total).toBe(N);
			if ('status' in c) expect(r.total).toBe(N / 5);
			if ('country' in c) expect(r.total).toBe(Math.ceil(N / 12) - (N % 12 > 2 ? 0 : 1));
		}
		console.log('list timings (ms)', timings);
		for (const ms of Object.values(timings)) expect(ms).toBeLessThan(1500);
	});

	it('plans the hot filters on the event-scoped indexes', async () => {
		const plan = async (where: string) =>
			rowsOf<Record<string, string>>(await db.execute(sql.raw(`explain select id from registrations where event_id = '${eventId}' and ${where} order by seq limit 50`)))
				.map((r) => Object.values(r)[0])
				.join('\n');
		const byCountry = await plan(`country = 'JP'`);
		const byPage = await plan('true');
		console.log(`country:\n${byCountry}\n\npage:\n${byPage}`);
		expect(byPage).toContain('registrations_event_seq_idx');
		expect(byCountry).toMatch(/registrations_event_(country|seq)_idx/);
	});
});
