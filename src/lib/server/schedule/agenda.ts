/**
 * A person's agenda: one schedule of the sessions they starred and those they hold (or wait for) a
 * seat in, and a secret, rotatable calendar feed of it.
 * The feed token is 160 random bits; only its SHA-256 is stored, so the URL is shown once, right
 * after it is made, and rotating replaces the hash, which ends the old URL at once.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { db } from '../db';
import { agendaFeeds, programSessions, stars } from './tables';
import { seatBookings } from '../registrations/tables';
import { requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { generateToken, hashToken } from '../auth/tokens';
import * as releases from './releases';
import { cache as newCache } from '../cache';
import { broadcast, onInvalidate } from '../invalidation';

/**
 * A person's starred ids per event, kept a few seconds: the signed-in program page is served from
 * memory with the person's stars laid over it (`http/page-cache.ts`), and on PGlite one statement
 * per view would be most of its cost. A star or unstar drops the person's entries on every
 * instance (`stars` topic, keyed by user id); the expiry bounds a lost notification.
 */
const starCache = newCache<Set<string>>({ max: 20_000, ttlMs: 10_000 });
const keysByUser = new Map<string, Set<string>>();
function forgetStars(userId: string) {
	for (const k of keysByUser.get(userId) ?? []) starCache.delete(k);
	keysByUser.delete(userId);
}
onInvalidate('stars', forgetStars);

/** Starred ids of one person in one event, from memory when recent (see `starCache`). */
export async function starredIdsCached(actor: Actor | null, eventId: string): Promise<Set<string>> {
	if (!actor) return new Set();
	const key = `${actor.id}|${eventId}`;
	const hit = starCache.get(key);
	if (hit) return hit;
	const ids = await starredIds(actor, eventId);
	starCache.set(key, ids);
	let keys = keysByUser.get(actor.id);
	if (!keys) keysByUser.set(actor.id, (keys = new Set()));
	keys.add(key);
	if (keysByUser.size > 20_000) keysByUser.clear();
	return ids;
}

async function starsChanged(userId: string) {
	forgetStars(userId);
	await broadcast('stars', userId).catch(() => {});
}

/** Stars a session of a published program (idempotent). */
export async function star(actor: Actor, sessionId: string): Promise<void> {
	requireUser(actor);
	const [s] = await db.select({ id: programSessions.id, eventId: programSessions.eventId }).from(programSessions).where(eq(programSessions.id, sessionId)).limit(1);
	const rel = s ? await releases.latest(s.eventId) : null;
	if (!s || !rel || !rel.snapshot.sessions.some((x) => x.id === sessionId)) throw new DomainError('not_found');
	await db.insert(stars).values({ userId: actor.id, sessionId }).onConflictDoNothing();
	await starsChanged(actor.id);
}

export async function unstar(actor: Actor, sessionId: string): Promise<void> {
	requireUser(actor);
	await db.delete(stars).where(and(eq(stars.userId, actor.id), eq(stars.sessionId, sessionId)));
	await starsChanged(actor.id);
}

/** Ids of the sessions a person starred, optionally within one event. */
export async function starredIds(actor: Actor | null, eventId?: string): Promise<Set<string>> {
	if (!actor) return new Set();
	const rows = await db
		.select({ id: stars.sessionId })
		.from(stars)
		.innerJoin(programSessions, eq(programSessions.id, stars.sessionId))
		.where(eventId ? and(eq(stars.userId, actor.id), eq(programSessions.eventId, eventId)) : eq(stars.userId, actor.id));
	return new Set(rows.map((r) => r.id));
}

/** Starred session ids grouped by event id. */
export async function starredByEvent(userId: string): Promise<Map<string, string[]>> {
	const rows = await db
		.select({ id: stars.sessionId, eventId: programSessions.eventId })
		.from(stars)
		.innerJoin(programSessions, eq(programSessions.id, stars.sessionId))
		.where(eq(stars.userId, userId));
	const out = new Map<string, string[]>();
	for (const r of rows) (out.get(r.eventId) ?? out.set(r.eventId, []).get(r.eventId)!).push(r.id);
	return out;
}

/** How a session is in someone's schedule: starred, and/or a live seat booking (booked or waitlisted). */
export interface Mine {
	starred: boolean;
	seat: 'booked' | 'waitlisted' | null;
}

/**
 * A person's schedule by event id: every session they starred or hold a live seat in (cancelled
 * bookings leave it). One list, so the agenda page and the calendar feed cannot disagree.
 */
export async function scheduleByEvent(userId: string): Promise<Map<string, Map<string, Mine>>> {
	const [starredRows, seatRows] = await Promise.all([
		db.select({ id: stars.sessionId, eventId: programSessions.eventId }).from(stars).innerJoin(programSessions, eq(programSessions.id, stars.sessionId)).where(eq(stars.userId, userId)),
		db
			.select({ id: seatBookings.sessionId, eventId: programSessions.eventId, status: seatBookings.status })
			.from(seatBookings)
			.innerJoin(programSessions, eq(programSessions.id, seatBookings.sessionId))
			.where(and(eq(seatBookings.userId, userId), ne(seatBookings.status, 'cancelled')))
	]);
	const out = new Map<string, Map<string, Mine>>();
	const entry = (eventId: string, id: string) => {
		let ev = out.get(eventId);
		if (!ev) out.set(eventId, (ev = new Map()));
		let e = ev.get(id);
		if (!e) ev.set(id, (e = { starred: false, seat: null }));
		return e;
	};
	for (const r of starredRows) entry(r.eventId, r.id).starred = true;
	for (const r of seatRows) entry(r.eventId, r.id).seat = r.status === 'booked' ? 'booked' : 'waitlisted';
	return out;
}

/** Makes (or replaces) the person's feed secret and returns it; the previous URL stops working. */
export async function rotateFeedToken(actor: Actor): Promise<string> {
	requireUser(actor);
	const token = generateToken();
	await db
		.insert(agendaFeeds)
		.values({ userId: actor.id, tokenHash: hashToken(token) })
		.onConflictDoUpdate({ target: agendaFeeds.userId, set: { tokenHash: hashToken(token), createdAt: new Date() } });
	return token;
}

export async function hasFeed(actor: Actor): Promise<{ createdAt: Date } | null> {
	const [row] = await db.select({ createdAt: agendaFeeds.createdAt }).from(agendaFeeds).where(eq(agendaFeeds.userId, actor.id)).limit(1);
	return row ?? null;
}

/** The user a feed token belongs to, or null (unknown or rotated away). */
export async function feedOwner(token: string): Promise<string | null> {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
	const [row] = await db.select({ userId: agendaFeeds.userId }).from(agendaFeeds).where(eq(agendaFeeds.tokenHash, hashToken(token))).limit(1);
	return row?.userId ?? null;
}

/** Users who starred any of these sessions, with which ones. */
/**
 * Who cares about these sessions: people who starred them and people holding (or waiting for) a seat
 * in them. One row per person and session.
 */
export async function stargazers(ex: Pick<typeof db, 'select'>, sessionIds: string[]) {
	if (!sessionIds.length) return [];
	const starred = await ex.select({ userId: stars.userId, sessionId: stars.sessionId }).from(stars).where(inArray(stars.sessionId, sessionIds));
	const booked = await ex
		.select({ userId: seatBookings.userId, sessionId: seatBookings.sessionId })
		.from(seatBookings)
		.where(and(inArray(seatBookings.sessionId, sessionIds), ne(seatBookings.status, 'cancelled')));
	const seen = new Set<string>();
	return [...starred, ...booked].filter((r) => {
		const key = `${r.userId}|${r.sessionId}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
