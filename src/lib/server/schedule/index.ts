/** The published program, read from the latest release and cached until the next one. */
import * as releases from './releases';
import type { ProgramSnapshot } from './snapshot';
import { localDate } from '$lib/time';

export type { ProgramSnapshot, SnapshotSession } from './snapshot';

const cache = new Map<string, { releaseId: string; version: number; snapshot: ProgramSnapshot; at: number }>();
const FRESH_MS = 2_000;

/**
 * The current release of an event's program. Served from memory; the latest release id is re-read
 * at most every two seconds, so another instance's new release shows up within that time.
 */
export async function published(eventId: string, now = Date.now()) {
	const hit = cache.get(eventId);
	if (hit && now - hit.at < FRESH_MS) return hit;
	const rel = await releases.latest(eventId);
	if (!rel) return null;
	const entry = { releaseId: rel.id, version: rel.version, snapshot: rel.snapshot, at: now };
	cache.set(eventId, entry);
	return entry;
}

export function invalidate(eventId: string) {
	cache.delete(eventId);
}

/** Sessions per local day of the event. */
export function countByDay(snapshot: ProgramSnapshot): Record<string, number> {
	const out: Record<string, number> = {};
	for (const s of snapshot.sessions) {
		if (s.status === 'cancelled' || s.kind === 'break' || !s.startsAt) continue;
		const d = localDate(new Date(s.startsAt), snapshot.event.timeZone);
		out[d] = (out[d] ?? 0) + 1;
	}
	return out;
}
