/** The cache primitive: bound (LRU), freshness, weight, and invalidation, across instances on PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestDatabase, onPostgres } from '../helpers/db';
import { db } from '$lib/server/db';
import { cache } from '$lib/server/cache';
import { broadcast, listenForInvalidations, resetInvalidationListener, stopListeningForInvalidations } from '$lib/server/invalidation';

useTestDatabase();

describe('cache', () => {
	it('keeps at most `max` entries, dropping the least recently used', () => {
		const c = cache<number>({ max: 2 });
		c.set('a', 1);
		c.set('b', 2);
		expect(c.get('a')).toBe(1); // a is now the most recent
		c.set('c', 3);
		expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([1, undefined, 3, 2]);
	});

	it('treats an entry older than ttlMs as a miss; null is a value', () => {
		const c = cache<string | null>({ max: 10, ttlMs: 1000 });
		c.set('k', null, 5_000);
		expect(c.get('k', 5_999)).toBeNull();
		expect(c.get('k', 6_000)).toBeUndefined();
		expect(c.size).toBe(0);
	});

	it('bounds the total weight when given one', () => {
		const c = cache<string>({ max: 10, weight: (v) => v.length });
		c.set('a', 'xxxx');
		c.set('b', 'yyyy');
		c.set('c', 'zzzz');
		expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 'yyyy', 'zzzz']);
	});

	it('loads once and remembers unless told not to keep', async () => {
		const c = cache<number | null>({ max: 10 });
		let loads = 0;
		const load = async () => (++loads, null);
		await c.getOrLoad('x', load, { keep: (v) => v !== null });
		await c.getOrLoad('x', load, { keep: (v) => v !== null });
		expect(loads).toBe(2);
		await c.getOrLoad('y', async () => (++loads, 7));
		expect(await c.getOrLoad('y', async () => (++loads, 8))).toBe(7);
		expect(loads).toBe(3);
	});

	it('drops the broadcast key, or everything, on its topic', async () => {
		const byKey = cache<number>({ max: 10, invalidateOn: { topic: 'device', drop: 'key' } });
		const all = cache<number>({ max: 10, invalidateOn: { topic: 'device', drop: 'all' } });
		byKey.set('h1', 1);
		byKey.set('h2', 2);
		all.set('slug', 3);
		await broadcast('device', 'h1');
		expect([byKey.get('h1'), byKey.get('h2'), all.get('slug')]).toEqual([undefined, 2, undefined]);
	});

	it.runIf(onPostgres)("drops an entry when another instance broadcasts (PostgreSQL NOTIFY)", async () => {
		resetInvalidationListener();
		await listenForInvalidations();
		try {
			const c = cache<number>({ max: 10, invalidateOn: { topic: 'token', drop: 'key' } });
			c.set('t1', 1);
			// What another instance's broadcast sends.
			await db.execute(sql`select pg_notify('hw_invalidate', 'token:t1')`);
			for (let i = 0; i < 100 && c.get('t1') !== undefined; i++) await new Promise((r) => setTimeout(r, 20));
			expect(c.get('t1')).toBeUndefined();
		} finally {
			await stopListeningForInvalidations();
		}
	});
});
