/** The published program, read from the latest release and cached until the next one. */
import { calendarEntries } from '../matchmaking/calendar';
import * as releases from './releases';
import type { ProgramSnapshot } from './snapshot';
import { localDate } from '$lib/time';
import * as events from '../events';
import { DomainError } from '../errors';
import type { Actor } from '../auth/access';
import type { Locale } from '$lib/i18n/text';
import { pick } from '$lib/i18n/text';
import { overlapping, resolve, type SessionView } from './view';
import { calendar } from './ical';
import { frabJson, frabXml } from './frab';
import * as agenda from './agenda';

export type { ProgramSnapshot, SnapshotSession } from './snapshot';

import { cache } from './cache';
import { cache as newCache } from '../cache';
export { invalidate } from './cache';

/**
 * The current release of an event's program, served from memory until a new release is broadcast
 * (or the safety interval of `FRESH_MS` passes).
 */
export async function published(eventId: string, now = Date.now()) {
	const hit = cache.get(eventId, now);
	if (hit) return hit;
	const rel = await releases.latest(eventId);
	if (!rel) return null;
	const entry = { releaseId: rel.id, version: rel.version, snapshot: rel.snapshot, createdAt: rel.createdAt, at: now };
	cache.set(eventId, entry, now);
	return entry;
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

// ---- Public reads of a released program -------------------------------------------------------

export * as agenda from './agenda';
export * as view from './view';

/** An event and its current release; not_found when either is missing. */
export async function program(actor: Actor | null, slug: string) {
	const event = await events.getBySlug(actor, slug);
	const rel = await published(event.id);
	if (!rel) throw new DomainError('not_found');
	return { event, release: rel };
}

/** A strong validator for everything derived from one release in one language. */
export function etagOf(releaseId: string, ...parts: (string | number | null | undefined)[]): string {
	let h = 2166136261;
	for (const ch of [releaseId, ...parts].join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
	return `"${releaseId.slice(0, 8)}-${h.toString(36)}"`;
}

export interface FeedOptions {
	locale: Locale;
	baseUrl: string;
	host: string;
}

/** The whole program, one track, or one session as iCalendar text. */
/** Rendered feeds per release: a release never changes, so neither does its feed. */
const icsCache = newCache<string>({ max: 500 });

export async function programIcs(slug: string, opts: FeedOptions & { track?: string; code?: string }) {
	const { event, release } = await program(null, slug);
	const key = [release.releaseId, opts.locale, opts.track ?? '', opts.code ?? '', opts.host, opts.baseUrl].join('|');
	const hit = icsCache.get(key);
	if (hit !== undefined) return { releaseId: release.releaseId, body: hit };
	const built = buildProgramIcs(event, release, opts);
	icsCache.set(key, built);
	return { releaseId: release.releaseId, body: built };
}

function buildProgramIcs(
	event: Awaited<ReturnType<typeof program>>['event'],
	release: Awaited<ReturnType<typeof program>>['release'],
	opts: FeedOptions & { track?: string; code?: string }
): string {
	const snap = release.snapshot;
	let list = resolve(snap, opts.locale).filter((s) => s.kind !== 'break');
	let name = pick(event.name, opts.locale);
	if (opts.track) {
		const t = snap.tracks.find((x) => x.slug === opts.track);
		if (!t) throw new DomainError('not_found');
		list = list.filter((s) => s.track?.slug === t.slug);
		name = `${name} · ${pick(t.name, opts.locale)}`;
	}
	if (opts.code) {
		list = resolve(snap, opts.locale).filter((s) => s.code === opts.code);
		if (!list.length) throw new DomainError('not_found');
		name = list[0].title;
	}
	return calendar({ name, host: opts.host, baseUrl: opts.baseUrl, eventSlug: event.slug, sessions: list, stamp: release.createdAt });
}


/** A person's starred sessions from every event's current release, by their feed secret. */
export async function agendaIcs(token: string, opts: FeedOptions) {
	const userId = await agenda.feedOwner(token);
	if (!userId) throw new DomainError('not_found');
	const byEvent = await agenda.scheduleByEvent(userId);
	const list: SessionView[] = [];
	let stamp = new Date(0);
	let slug = '';
	for (const [eventId, mine] of byEvent) {
		const rel = await releases.latest(eventId);
		if (!rel) continue;
		if (rel.createdAt > stamp) stamp = rel.createdAt;
		slug = rel.snapshot.event.slug;
		// Starred and booked sessions; a place on a waiting list is not a plan yet unless starred too.
		list.push(...resolve(rel.snapshot, opts.locale).filter((s) => { const e = mine.get(s.id); return !!e && (e.starred || e.seat === 'booked'); }));
	}
	// 1:1 meetings (matchmaking): their own UIDs and SEQUENCE, raised whenever a meeting moves.
	const meetings = await calendarEntries(userId, opts.locale);
	list.push(...meetings.sessions);
	if (meetings.stamp > stamp) stamp = meetings.stamp;
	slug ||= meetings.slug;
	const name = opts.locale === 'en' ? 'My agenda' : '我的日程';
	return calendar({ name, host: opts.host, baseUrl: opts.baseUrl, eventSlug: slug, sessions: list, stamp, ttlSeconds: 900 });
}

export async function frab(slug: string, format: 'json' | 'xml', opts: { locale: Locale; baseUrl: string }) {
	const { release } = await program(null, slug);
	const o = { baseUrl: opts.baseUrl, version: `v${release.version}`, locale: opts.locale };
	return { releaseId: release.releaseId, body: format === 'json' ? frabJson(release.snapshot, o) : frabXml(release.snapshot, o) };
}

/** The API view of the published program (GET /api/v1/events/{slug}/sessions). */
export async function sessionsApi(slug: string, locale: Locale) {
	const { release } = await program(null, slug);
	const snap = release.snapshot;
	const views = new Map(resolve(snap, locale).map((v) => [v.id, v]));
	const speakers = new Map(snap.speakers.map((p) => [p.id, p]));
	return {
		releaseId: release.releaseId,
		body: {
			release: { version: release.version },
			sessions: snap.sessions.map((s) => {
				const v = views.get(s.id)!;
				return {
					id: s.id,
					code: s.code,
					title: s.title,
					abstract: s.abstract,
					kind: s.kind,
					status: s.status,
					track: v.track?.slug ?? null,
					room: s.roomId ? { id: s.roomId, name: snap.rooms.find((r) => r.id === s.roomId)?.name ?? null } : null,
					venue: v.venue ? { id: v.venue.id, name: snap.venues.find((x) => x.id === v.venue!.id)?.name ?? null, timeZone: v.venueZone } : null,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					timeZone: v.venueZone,
					capacity: s.capacity,
					requiresBooking: s.requiresBooking,
					speakers: s.speakerIds.map((id) => speakers.get(id)).filter((p) => !!p).map((p) => ({ slug: p.slug, name: p.name, organization: p.organization })),
					sequence: s.sequence ?? 0
				};
			})
		}
	};
}

export const eventDays = events.days;

/** A person's starred sessions per event, from the current releases, with overlap warnings. */
/** A person's schedule per event: starred and booked sessions in one list, each marked how it is theirs. */
export async function myAgenda(actor: Actor, locale: Locale) {
	const byEvent = await agenda.scheduleByEvent(actor.id);
	const out: { slug: string; name: string; sessions: (SessionView & { mine: agenda.Mine })[]; overlaps: string[] }[] = [];
	for (const [eventId, mine] of byEvent) {
		const rel = await published(eventId);
		if (!rel) continue;
		const sessions = resolve(rel.snapshot, locale)
			.filter((s) => mine.has(s.id))
			.map((s) => ({ ...s, mine: mine.get(s.id)! }));
		// Overlaps that matter: among what the person plans to attend (not places on a waiting list alone).
		out.push({ slug: rel.snapshot.event.slug, name: pick(rel.snapshot.event.name, locale), sessions, overlaps: [...overlapping(sessions.filter((s) => s.mine.starred || s.mine.seat === 'booked'))] });
	}
	return out;
}

export * as editor from './editor';
export { findConflicts } from './conflicts';
