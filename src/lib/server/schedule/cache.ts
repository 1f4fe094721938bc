/**
 * The in-process cache of each event's current release (see `published`). A new release is
 * broadcast to every instance (`invalidation.ts`), so the cache may hold a release until then; the
 * safety interval bounds staleness should a notification be lost.
 */
import type { ProgramSnapshot } from './snapshot';
import { cache as newCache } from '../cache';

export const FRESH_MS = 30_000;
export const cache = newCache<{ releaseId: string; version: number; snapshot: ProgramSnapshot; createdAt: Date; at: number }>({
	max: 200,
	ttlMs: FRESH_MS,
	invalidateOn: { topic: 'release', drop: 'key' }
});

export function invalidate(eventId: string) {
	cache.delete(eventId);
}
