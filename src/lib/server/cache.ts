/**
 * The one in-process cache primitive. Every module-level cache of the server is one of these, so
 * each has a bound, says how long an entry stays fresh, and says which cross-instance
 * invalidation (`invalidation.ts`, PostgreSQL NOTIFY between instances) drops its entries.
 *
 * - **Bound**: at most `max` entries (or, with `weight`, a total weight such as bytes); beyond it the
 *   least recently used entries go first (a Map iterates in insertion order; a hit re-inserts).
 * - **Freshness**: with `ttlMs`, an entry older than that is a miss (and is dropped).
 * - **Invalidation**: with `invalidateOn`, a broadcast on that topic drops the key it names
 *   (`'key'`) or everything (`'all'`, when the cache is keyed differently from the broadcast).
 *
 * Keys are strings. Values may be anything but `undefined` (a miss); `null` is a value (a
 * remembered "not there").
 */
import { onInvalidate, type Topic } from './invalidation';

export interface CacheOptions<V> {
	/** Most entries kept (or most total weight, with `weight`). */
	max: number;
	/** An entry older than this (ms) is a miss. No TTL: kept until evicted or invalidated. */
	ttlMs?: number;
	/** The weight of a value against `max` (bytes, say); default 1 per entry. */
	weight?: (value: V) => number;
	/** Drop entries when this topic is broadcast: the named key, or all of them. */
	invalidateOn?: { topic: Topic; drop: 'key' | 'all' };
}

interface Slot<V> {
	value: V;
	at: number;
	weight: number;
}

export class Cache<V> {
	private readonly slots = new Map<string, Slot<V>>();
	private total = 0;

	constructor(private readonly opts: CacheOptions<V>) {
		const inv = opts.invalidateOn;
		if (inv) onInvalidate(inv.topic, inv.drop === 'key' ? (key) => this.delete(key) : () => this.clear());
	}

	/** The fresh value under `key`, or undefined. */
	get(key: string, now = Date.now()): V | undefined {
		const slot = this.slots.get(key);
		if (!slot) return undefined;
		if (this.opts.ttlMs !== undefined && now - slot.at >= this.opts.ttlMs) {
			this.delete(key);
			return undefined;
		}
		// Most recently used last.
		this.slots.delete(key);
		this.slots.set(key, slot);
		return slot.value;
	}

	set(key: string, value: V, now = Date.now()): V {
		this.delete(key);
		const weight = this.opts.weight ? this.opts.weight(value) : 1;
		this.slots.set(key, { value, at: now, weight });
		this.total += weight;
		for (const [k] of this.slots) {
			if (this.total <= this.opts.max || this.slots.size === 1) break;
			this.delete(k);
		}
		return value;
	}

	/** The cached value, else `load()`'s, remembered unless `keep` says no (an answer that may change any moment). */
	async getOrLoad(key: string, load: () => Promise<V>, opts: { now?: number; keep?: (value: V) => boolean } = {}): Promise<V> {
		const now = opts.now ?? Date.now();
		const hit = this.get(key, now);
		if (hit !== undefined) return hit;
		const value = await load();
		if (!opts.keep || opts.keep(value)) this.set(key, value, now);
		return value;
	}

	delete(key: string) {
		const slot = this.slots.get(key);
		if (!slot) return;
		this.slots.delete(key);
		this.total -= slot.weight;
	}

	clear() {
		this.slots.clear();
		this.total = 0;
	}

	get size() {
		return this.slots.size;
	}
}

export function cache<V>(opts: CacheOptions<V>): Cache<V> {
	return new Cache<V>(opts);
}
