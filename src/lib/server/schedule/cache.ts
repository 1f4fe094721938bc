/**
 * The in-process cache of each event's current release (see `published`). A new release is
 * broadcast to every instance (`invalidation.ts`), so the cache may hold a release until then; the
 * safety interval bounds staleness should a notification be lost.
 */
import type { ProgramSnapshot } from './snapshot';
import { onInvalidate } from '../invalidation';

export const cache = new Map<string, { releaseId: string; version: number; snapshot: ProgramSnapshot; createdAt: Date; at: number }>();
export const FRESH_MS = 30_000;

export function invalidate(eventId: string) {
	cache.delete(eventId);
}

onInvalidate('release', invalidate);
