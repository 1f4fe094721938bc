/**
 * The public program as pages show it: a release snapshot resolved into sessions with their room,
 * venue, track and speakers, times in the venue's zone (or the viewer's), filtered and searched.
 * Pure functions over the snapshot, so pages, feeds and tests share one reading of a release.
 */
import type { ProgramSnapshot, SnapshotPitch, SnapshotSession } from './snapshot';
import { pick, type Locale } from '$lib/i18n/text';
import { isValidTimeZone, localDate, localTime, zoneLabel } from '$lib/time';

/** A pitch in a roadshow, in the viewer's language and the session's displayed zone. */
export interface PitchView {
	id: string;
	title: string;
	partner: string;
	presenter: string;
	field: string;
	stage: string;
	startsAt: string;
	start: string;
	end: string;
}

export interface SessionView {
	id: string;
	code: string;
	title: string;
	abstract: string;
	kind: string;
	status: 'confirmed' | 'cancelled';
	track: { slug: string; name: string; color: string } | null;
	room: { id: string; name: string; capacity: number | null } | null;
	venue: { id: string; name: string; address: string; city: string; latitude: number | null; longitude: number | null; timeZone: string } | null;
	partner: string | null;
	/** The zone the times below are in: the venue's, or the viewer's when they asked. */
	zone: string;
	zoneLabel: string;
	/** The venue's own zone, to say "local time" beside the viewer's. */
	venueZone: string;
	startsAt: string;
	endsAt: string;
	date: string;
	start: string;
	end: string;
	capacity: number | null;
	requiresBooking: boolean;
	speakers: { slug: string; name: string; organization: string }[];
	/** Roadshow pitches in start order (none for a cancelled session). */
	pitches: PitchView[];
	sequence: number;
	/** Where a calendar entry links to, when not the session's page (a 1:1 meeting links to the person's meetings). */
	path?: string;
}

export function zoneOf(snapshot: ProgramSnapshot, s: Pick<SnapshotSession, 'roomId'>): string {
	const room = snapshot.rooms.find((r) => r.id === s.roomId);
	const venue = room ? snapshot.venues.find((v) => v.id === room.venueId) : undefined;
	return venue?.timeZone ?? snapshot.event.timeZone;
}

/** A valid IANA zone the viewer asked for, else null. */
export function viewerZone(tz: string | null | undefined): string | null {
	return tz && tz.length < 64 && isValidTimeZone(tz) ? tz : null;
}

/**
 * Resolved views per release snapshot, language and zone. A release never changes, so its views can
 * be kept for as long as the snapshot object lives (the release cache holds one per event); callers
 * must not mutate the returned array.
 */
const resolved = new WeakMap<ProgramSnapshot, Map<string, SessionView[]>>();

export function resolve(snapshot: ProgramSnapshot, locale: Locale, viewerTz: string | null = null): SessionView[] {
	let perSnapshot = resolved.get(snapshot);
	if (!perSnapshot) resolved.set(snapshot, (perSnapshot = new Map()));
	const key = `${locale}|${viewerTz ?? ''}`;
	let views = perSnapshot.get(key);
	if (!views) {
		views = resolveUncached(snapshot, locale, viewerTz);
		// Bounded: a handful of languages times the zones viewers ask for.
		if (perSnapshot.size < 64) perSnapshot.set(key, views);
	}
	return views;
}

function resolveUncached(snapshot: ProgramSnapshot, locale: Locale, viewerTz: string | null): SessionView[] {
	const rooms = new Map(snapshot.rooms.map((r) => [r.id, r]));
	const venues = new Map(snapshot.venues.map((v) => [v.id, v]));
	const tracks = new Map(snapshot.tracks.map((t) => [t.id, t]));
	const speakers = new Map(snapshot.speakers.map((p) => [p.id, p]));
	const partners = new Map(snapshot.partners.map((p) => [p.id, p]));
	const pitches = pitchesBySession(snapshot);
	return snapshot.sessions
		.filter((s) => s.startsAt && s.endsAt)
		.map((s) => {
			const room = s.roomId ? rooms.get(s.roomId) : undefined;
			const venue = room ? venues.get(room.venueId) : undefined;
			const venueZone = venue?.timeZone ?? snapshot.event.timeZone;
			const zone = viewerTz ?? venueZone;
			const start = new Date(s.startsAt!);
			const end = new Date(s.endsAt!);
			const track = s.trackId ? tracks.get(s.trackId) : undefined;
			return {
				id: s.id,
				code: s.code,
				title: pick(s.title, locale),
				abstract: pick(s.abstract, locale),
				kind: s.kind,
				status: s.status,
				track: track ? { slug: track.slug, name: pick(track.name, locale), color: track.color } : null,
				room: room ? { id: room.id, name: pick(room.name, locale), capacity: room.capacity } : null,
				venue: venue
					? { id: venue.id, name: pick(venue.name, locale), address: pick(venue.address, locale), city: pick(venue.city, locale), latitude: venue.latitude, longitude: venue.longitude, timeZone: venueZone }
					: null,
				partner: s.partnerId ? pick(partners.get(s.partnerId)?.name, locale) || null : null,
				zone,
				zoneLabel: zoneLabel(start, zone, locale),
				venueZone,
				startsAt: s.startsAt!,
				endsAt: s.endsAt!,
				date: localDate(start, zone),
				start: localTime(start, zone),
				end: localTime(end, zone),
				capacity: s.capacity,
				requiresBooking: s.requiresBooking,
				speakers: s.speakerIds.map((id) => speakers.get(id)).filter((p) => !!p).map((p) => ({ slug: p.slug, name: pick(p.name, locale), organization: pick(p.organization, locale) })),
				pitches:
					s.status === 'cancelled'
						? []
						: (pitches.get(s.id) ?? []).map((p) => {
								const at = new Date(p.startsAt);
								return {
									id: p.id,
									title: pick(p.title, locale),
									partner: pick(partners.get(p.partnerId)?.name, locale),
									presenter: p.presenter,
									field: p.field,
									stage: p.stage,
									startsAt: p.startsAt,
									start: localTime(at, zone),
									end: localTime(new Date(at.getTime() + p.minutes * 60_000), zone)
								};
							}),
				sequence: s.sequence ?? 0
			};
		})
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.room?.name ?? '').localeCompare(b.room?.name ?? '') || a.code.localeCompare(b.code));
}

function pitchesBySession(snapshot: ProgramSnapshot): Map<string, SnapshotPitch[]> {
	const out = new Map<string, SnapshotPitch[]>();
	for (const p of snapshot.pitches ?? []) (out.get(p.sessionId) ?? out.set(p.sessionId, []).get(p.sessionId)!).push(p);
	return out;
}

export interface Filters {
	day?: string | null;
	track?: string | null;
	venue?: string | null;
	kind?: string | null;
	q?: string | null;
}

/** Search folds case and matches both languages' titles, abstracts, speakers, pitched projects and the code. */
export function filterSessions(snapshot: ProgramSnapshot, list: SessionView[], f: Filters): SessionView[] {
	const q = f.q?.trim().toLowerCase();
	const byId = new Map(snapshot.sessions.map((s) => [s.id, s]));
	const names = new Map(snapshot.speakers.map((p) => [p.id, `${p.name.zh} ${p.name.en} ${p.organization?.en ?? ''}`]));
	const pitched = new Map(!q ? [] : [...pitchesBySession(snapshot)].map(([id, ps]) => [id, ps.map((p) => `${p.title.zh} ${p.title.en}`).join(' ')]));
	return list.filter((s) => {
		if (f.day && f.day !== 'all' && s.date !== f.day) return false;
		if (f.track && s.track?.slug !== f.track) return false;
		if (f.venue && s.venue?.id !== f.venue) return false;
		if (f.kind && s.kind !== f.kind) return false;
		if (q) {
			const raw = byId.get(s.id)!;
			const hay = [s.code, raw.title.zh, raw.title.en, raw.abstract?.zh, raw.abstract?.en, ...raw.speakerIds.map((id) => names.get(id)), pitched.get(s.id)].join(' ').toLowerCase();
			if (!hay.includes(q)) return false;
		}
		return true;
	});
}

/** What runs now and what starts next (the next start time, all sessions sharing it). */
export function nowAndNext(list: SessionView[], now: Date): { now: SessionView[]; next: SessionView[] } {
	const t = now.toISOString();
	const live = list.filter((s) => s.status !== 'cancelled' && s.kind !== 'break' && s.startsAt <= t && t < s.endsAt);
	const upcoming = list.filter((s) => s.status !== 'cancelled' && s.kind !== 'break' && s.startsAt > t);
	const first = upcoming[0]?.startsAt;
	return { now: live, next: first ? upcoming.filter((s) => s.startsAt === first) : [] };
}

/** Sessions that overlap another one in the list (for a personal agenda). */
export function overlapping(list: { id: string; startsAt: string; endsAt: string; status?: string }[]): Set<string> {
	const out = new Set<string>();
	const live = list.filter((s) => s.status !== 'cancelled').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
	for (let i = 0; i < live.length; i++)
		for (let j = i + 1; j < live.length && live[j].startsAt < live[i].endsAt; j++) {
			out.add(live[i].id);
			out.add(live[j].id);
		}
	return out;
}

export function mapLink(v: { latitude: number | null; longitude: number | null } | null): string | null {
	if (!v || v.latitude == null || v.longitude == null) return null;
	return `https://www.openstreetmap.org/?mlat=${v.latitude}&mlon=${v.longitude}#map=17/${v.latitude}/${v.longitude}`;
}
