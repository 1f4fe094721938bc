/**
 * The capacity rule has one home (rules.ts) and one SQL half (register_batch, drizzle/0002): both
 * must give the same answers. People registering at once go through one batch (group commit).
 */
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import * as registrations from '$lib/server/registrations';
import * as rules from '$lib/server/registrations/rules';
import { registrations as regTable } from '$lib/server/registrations/tables';
import { ANSWERS, eventWithCategory } from './helpers';

useTestDatabase();

async function inArrivalOrder(categoryId: string) {
	return (await db.select({ status: regTable.status }).from(regTable).where(eq(regTable.categoryId, categoryId)).orderBy(asc(regTable.seq))).map((r) => r.status);
}

describe('capacity: rules.ts and register_batch agree', () => {
	for (const [capacity, requiresApproval] of [
		[3, false],
		[2, true],
		[0, false],
		[null, true]
	] as const) {
		it(`capacity ${capacity}, ${requiresApproval ? 'with' : 'without'} review: six at once`, async () => {
			const { event, category } = await eventWithCategory({ capacity, requiresApproval });
			const people = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
			const got = await Promise.all(people.map((u) => registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true })));
			const expected = people.map((_, i) => (rules.hasRoom(capacity, 0, i + 1) ? rules.placedStatus({ requiresApproval }) : 'waitlisted'));
			expect(await inArrivalOrder(category.id)).toEqual(expected);
			expect(got.map((r) => r.status).sort()).toEqual([...expected].sort());
		});
	}

	it('lifting the limit (capacity null) moves everyone waiting up, in arrival order', async () => {
		const { event, category } = await eventWithCategory({ capacity: 1, requiresApproval: false });
		const org = await makeUser('organizer');
		const people = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
		for (const u of people) await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await inArrivalOrder(category.id)).toEqual(['approved', 'waitlisted', 'waitlisted', 'waitlisted']);
		const updated = await registrations.updateCategory(org, event.slug, 'talent', { capacity: null });
		expect(updated.promoted).toBe(3);
		expect(updated.remaining).toBeNull();
		expect(await inArrivalOrder(category.id)).toEqual(['approved', 'approved', 'approved', 'approved']);
	});

	it('raising the capacity promotes exactly the free places', async () => {
		const { event, category } = await eventWithCategory({ capacity: 1, requiresApproval: true });
		const org = await makeUser('organizer');
		const people = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
		for (const u of people) await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const updated = await registrations.updateCategory(org, event.slug, 'talent', { capacity: 3 });
		expect(updated.promoted).toBe(2);
		expect(updated.remaining).toBe(0);
		expect(await inArrivalOrder(category.id)).toEqual(['pending', 'pending', 'pending', 'waitlisted']);
	});
});
