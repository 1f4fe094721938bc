/** The in-process cache of each event's current release (see `published`). */
import type { ProgramSnapshot } from './snapshot';

export const cache = new Map<string, { releaseId: string; version: number; snapshot: ProgramSnapshot; createdAt: Date; at: number }>();
export const FRESH_MS = 2_000;

export function invalidate(eventId: string) {
	cache.delete(eventId);
}
