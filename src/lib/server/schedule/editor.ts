/**
 * Organizer verbs on the draft program: the event, venues, rooms, tracks, speakers and sessions,
 * moves from the timetable editor, and the release that freezes the draft. Every verb checks the
 * actor first. Local times typed by organizers are read in the room's venue zone.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { events } from '../events/tables';
import { users } from '../auth/tables';
import { programSessions, rooms, sessionSpeakers, speakers, tracks, venues } from './tables';
import { requireRole, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { record } from '../audit';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import { pick, type Locale } from '$lib/i18n/text';
import { localDate, localTime, zonedTime } from '$lib/time';
import { findConflicts, type Conflict, type Draft } from './conflicts';
import * as releases from './releases';
import { stargazers } from './agenda';
import type { Change } from './snapshot';
import type { z } from 'zod';
import type { eventInput, moveInput, roomInput, sessionInput, speakerInput, trackInput, venueInput, NUDGES } from '$lib/schemas/schedule';
import { broadcast } from '../invalidation';
import * as eventsDomain from '../events';

const organizer = (actor: Actor) => requireRole(actor, 'organizer', 'admin');

/** The event behind a slug, drafts included, for organizers. */
export async function eventBySlug(actor: Actor, slug: string) {
	organizer(actor);
	return eventsDomain.findBySlug(slug);
}

/** Everything the editor shows: the draft tables of one event, with sessions' speakers and the live conflicts. */
export async function draft(actor: Actor, eventId: string, ex: Executor = db) {
	organizer(actor);
	const [ev] = await ex.select().from(events).where(eq(events.id, eventId)).limit(1);
	if (!ev) throw new DomainError('not_found');
	const [venueRows, roomRows, trackRows, speakerRows, sessionRows, links] = await Promise.all([
		ex.select().from(venues).where(eq(venues.eventId, eventId)).orderBy(asc(venues.position)),
		ex.select().from(rooms).where(eq(rooms.eventId, eventId)).orderBy(asc(rooms.position)),
		ex.select().from(tracks).where(eq(tracks.eventId, eventId)).orderBy(asc(tracks.position)),
		ex.select().from(speakers).where(eq(speakers.eventId, eventId)).orderBy(asc(speakers.slug)),
		ex.select().from(programSessions).where(eq(programSessions.eventId, eventId)).orderBy(asc(programSessions.startsAt), asc(programSessions.code)),
		ex
			.select({ sessionId: sessionSpeakers.sessionId, speakerId: sessionSpeakers.speakerId })
			.from(sessionSpeakers)
			.innerJoin(programSessions, eq(programSessions.id, sessionSpeakers.sessionId))
			.where(eq(programSessions.eventId, eventId))
			.orderBy(asc(sessionSpeakers.position))
	]);
	const bySession = new Map<string, string[]>();
	for (const l of links) (bySession.get(l.sessionId) ?? bySession.set(l.sessionId, []).get(l.sessionId)!).push(l.speakerId);
	const sessions = sessionRows.map((s) => ({ ...s, speakerIds: bySession.get(s.id) ?? [] }));
	const d: Draft = {
		event: { timeZone: ev.timeZone, startDate: ev.startDate, endDate: ev.endDate },
		venues: venueRows,
		rooms: roomRows,
		sessions
	};
	return { event: ev, venues: venueRows, rooms: roomRows, tracks: trackRows, speakers: speakerRows, sessions, conflicts: findConflicts(d) };
}

export type DraftData = Awaited<ReturnType<typeof draft>>;

/** The zone a room's sessions are typed in. */
export function zoneOfRoom(d: Pick<DraftData, 'event' | 'venues' | 'rooms'>, roomId: string | null): string {
	const room = roomId ? d.rooms.find((r) => r.id === roomId) : undefined;
	const venue = room ? d.venues.find((v) => v.id === room.venueId) : undefined;
	return venue?.timeZone ?? d.event.timeZone;
}

export async function updateEvent(actor: Actor, eventId: string, input: z.infer<typeof eventInput>) {
	organizer(actor);
	await db
		.update(events)
		.set({ name: { zh: input.nameZh, en: input.nameEn }, city: { zh: input.cityZh, en: input.cityEn }, timeZone: input.timeZone, startDate: input.startDate, endDate: input.endDate, updatedAt: new Date() })
		.where(eq(events.id, eventId));
	await broadcast('event', eventId);
	await record(actor, 'schedule.event_update', { targetType: 'event', targetId: eventId, eventId });
}

const i18n = (zh: string | null, en: string | null) => (zh || en ? { zh: zh ?? en ?? '', en: en ?? zh ?? '' } : null);

export async function saveVenue(actor: Actor, eventId: string, v: z.infer<typeof venueInput>) {
	organizer(actor);
	const values = {
		name: { zh: v.nameZh, en: v.nameEn },
		address: i18n(v.addressZh, v.addressEn),
		city: i18n(v.cityZh, v.cityEn),
		kind: v.kind,
		timeZone: v.timeZone,
		latitude: v.latitude,
		longitude: v.longitude,
		opensAt: v.opensAt,
		closesAt: v.closesAt
	};
	if (v.id) {
		const r = await db.update(venues).set(values).where(and(eq(venues.id, v.id), eq(venues.eventId, eventId))).returning({ id: venues.id });
		if (!r.length) throw new DomainError('not_found');
		return v.id;
	}
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(venues).where(eq(venues.eventId, eventId));
	const [row] = await db.insert(venues).values({ ...values, eventId, position: n }).returning({ id: venues.id });
	return row.id;
}

export async function saveRoom(actor: Actor, eventId: string, r: z.infer<typeof roomInput>) {
	organizer(actor);
	const [venue] = await db.select({ id: venues.id }).from(venues).where(and(eq(venues.id, r.venueId), eq(venues.eventId, eventId)));
	if (!venue) throw new DomainError('invalid_input', { fields: { venueId: ['v_choice'] } });
	const values = { venueId: r.venueId, name: { zh: r.nameZh, en: r.nameEn }, capacity: r.capacity };
	if (r.id) {
		const u = await db.update(rooms).set(values).where(and(eq(rooms.id, r.id), eq(rooms.eventId, eventId))).returning({ id: rooms.id });
		if (!u.length) throw new DomainError('not_found');
		return r.id;
	}
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(rooms).where(eq(rooms.eventId, eventId));
	const [row] = await db.insert(rooms).values({ ...values, eventId, position: n * 10 }).returning({ id: rooms.id });
	return row.id;
}

export async function saveTrack(actor: Actor, eventId: string, tr: z.infer<typeof trackInput>) {
	organizer(actor);
	const values = { slug: tr.slug, name: { zh: tr.nameZh, en: tr.nameEn }, color: tr.color.toLowerCase() };
	const clash = await db.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.eventId, eventId), eq(tracks.slug, tr.slug), tr.id ? ne(tracks.id, tr.id) : undefined));
	if (clash.length) throw new DomainError('invalid_input', { fields: { slug: ['e_sched_slug_taken'] } });
	if (tr.id) {
		const u = await db.update(tracks).set(values).where(and(eq(tracks.id, tr.id), eq(tracks.eventId, eventId))).returning({ id: tracks.id });
		if (!u.length) throw new DomainError('not_found');
		return tr.id;
	}
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(tracks).where(eq(tracks.eventId, eventId));
	const [row] = await db.insert(tracks).values({ ...values, eventId, position: n }).returning({ id: tracks.id });
	return row.id;
}

export async function saveSpeaker(actor: Actor, eventId: string, sp: z.infer<typeof speakerInput>, photo?: string | null) {
	organizer(actor);
	const values = {
		slug: sp.slug,
		name: { zh: sp.nameZh, en: sp.nameEn },
		organization: i18n(sp.organizationZh, sp.organizationEn),
		title: i18n(sp.titleZh, sp.titleEn),
		bio: i18n(sp.bioZh, sp.bioEn),
		...(photo !== undefined ? { photo } : {})
	};
	const clash = await db.select({ id: speakers.id }).from(speakers).where(and(eq(speakers.eventId, eventId), eq(speakers.slug, sp.slug), sp.id ? ne(speakers.id, sp.id) : undefined));
	if (clash.length) throw new DomainError('invalid_input', { fields: { slug: ['e_sched_slug_taken'] } });
	if (sp.id) {
		const u = await db.update(speakers).set(values).where(and(eq(speakers.id, sp.id), eq(speakers.eventId, eventId))).returning({ id: speakers.id });
		if (!u.length) throw new DomainError('not_found');
		return sp.id;
	}
	const [row] = await db.insert(speakers).values({ ...values, eventId }).returning({ id: speakers.id });
	return row.id;
}

/** A speaker's stored photo path, for the route that serves it (published speakers only). */
export async function speakerPhoto(eventSlug: string, speakerSlug: string): Promise<string | null> {
	const [row] = await db
		.select({ photo: speakers.photo })
		.from(speakers)
		.innerJoin(events, eq(events.id, speakers.eventId))
		.where(and(eq(events.slug, eventSlug), eq(speakers.slug, speakerSlug), eq(events.status, 'published')))
		.limit(1);
	return row?.photo ?? null;
}

/** Resolves a typed session (local date/times in the room's zone) against the draft; checks references. */
async function sessionValues(ex: Executor, eventId: string, s: z.infer<typeof sessionInput>) {
	const [ev] = await ex.select().from(events).where(eq(events.id, eventId)).limit(1);
	if (!ev) throw new DomainError('not_found');
	let zone = ev.timeZone;
	if (s.roomId) {
		const [row] = await ex
			.select({ tz: venues.timeZone })
			.from(rooms)
			.innerJoin(venues, eq(venues.id, rooms.venueId))
			.where(and(eq(rooms.id, s.roomId), eq(rooms.eventId, eventId)));
		if (!row) throw new DomainError('invalid_input', { fields: { roomId: ['v_choice'] } });
		zone = row.tz ?? ev.timeZone;
	}
	if (s.trackId) {
		const [tr] = await ex.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.id, s.trackId), eq(tracks.eventId, eventId)));
		if (!tr) throw new DomainError('invalid_input', { fields: { trackId: ['v_choice'] } });
	}
	if (s.speakerIds.length) {
		const found = await ex.select({ id: speakers.id }).from(speakers).where(and(eq(speakers.eventId, eventId), inArray(speakers.id, s.speakerIds)));
		if (found.length !== new Set(s.speakerIds).size) throw new DomainError('invalid_input', { fields: { speakerIds: ['v_choice'] } });
	}
	const startsAt = s.date && s.start ? zonedTime(s.date, s.start, zone) : null;
	const endsAt = s.date && s.end ? zonedTime(s.date, s.end, zone) : null;
	return {
		code: s.code.toUpperCase(),
		title: { zh: s.titleZh, en: s.titleEn },
		abstract: i18n(s.abstractZh, s.abstractEn),
		kind: s.kind,
		trackId: s.trackId,
		roomId: s.roomId,
		startsAt,
		endsAt,
		capacity: s.capacity,
		requiresBooking: s.requiresBooking,
		status: s.status
	};
}

async function setSpeakers(ex: Executor, sessionId: string, ids: string[]) {
	await ex.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, sessionId));
	const uniq = [...new Set(ids)];
	if (uniq.length) await ex.insert(sessionSpeakers).values(uniq.map((speakerId, position) => ({ sessionId, speakerId, position })));
}

/** Creates or updates a session with its speakers; the code is unique per event. */
export async function saveSession(actor: Actor, eventId: string, s: z.infer<typeof sessionInput>, ex?: Executor): Promise<string> {
	organizer(actor);
	const run = async (tx: Executor) => {
		const values = await sessionValues(tx, eventId, s);
		const clash = await tx
			.select({ id: programSessions.id })
			.from(programSessions)
			.where(and(eq(programSessions.eventId, eventId), eq(programSessions.code, values.code), s.id ? ne(programSessions.id, s.id) : undefined));
		if (clash.length) throw new DomainError('invalid_input', { fields: { code: ['e_sched_code_taken'] } });
		let id = s.id;
		if (id) {
			const u = await tx.update(programSessions).set({ ...values, updatedAt: new Date() }).where(and(eq(programSessions.id, id), eq(programSessions.eventId, eventId))).returning({ id: programSessions.id });
			if (!u.length) throw new DomainError('not_found');
		} else {
			id = (await tx.insert(programSessions).values({ ...values, eventId }).returning({ id: programSessions.id }))[0].id;
		}
		await setSpeakers(tx, id, s.speakerIds);
		return id;
	};
	return ex ? run(ex) : db.transaction(run);
}

/** A move from the timetable editor: room and local wall times in that room's zone (no date: back to the tray). */
export async function moveSession(actor: Actor, eventId: string, m: z.infer<typeof moveInput>) {
	organizer(actor);
	const [ev] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
	if (!ev) throw new DomainError('not_found');
	let zone = ev.timeZone;
	if (m.roomId) {
		const [room] = await db
			.select({ tz: venues.timeZone })
			.from(rooms)
			.innerJoin(venues, eq(venues.id, rooms.venueId))
			.where(and(eq(rooms.id, m.roomId), eq(rooms.eventId, eventId)));
		if (!room) throw new DomainError('invalid_input', { fields: { roomId: ['v_choice'] } });
		zone = room.tz ?? ev.timeZone;
	}
	const startsAt = m.date && m.start ? zonedTime(m.date, m.start, zone) : null;
	const endsAt = m.date && m.end ? zonedTime(m.date, m.end, zone) : null;
	const u = await db
		.update(programSessions)
		.set({ roomId: m.roomId, startsAt, endsAt, updatedAt: new Date() })
		.where(and(eq(programSessions.id, m.sessionId), eq(programSessions.eventId, eventId)))
		.returning({ id: programSessions.id });
	if (!u.length) throw new DomainError('not_found');
}

/** The keyboard's small steps: 15 minutes earlier/later/shorter/longer, or the neighbouring room (same local time). */
export async function nudge(actor: Actor, eventId: string, sessionId: string, how: (typeof NUDGES)[number]) {
	const d = await draft(actor, eventId);
	const s = d.sessions.find((x) => x.id === sessionId);
	if (!s || !s.startsAt || !s.endsAt || !s.roomId) throw new DomainError('not_found');
	const zone = zoneOfRoom(d, s.roomId);
	const local = (at: Date) => ({ date: localDate(at, zone), time: localTime(at, zone) });
	const STEP = 15 * 60_000;
	let start = s.startsAt.getTime();
	let end = s.endsAt.getTime();
	let roomId = s.roomId;
	if (how === 'earlier') [start, end] = [start - STEP, end - STEP];
	if (how === 'later') [start, end] = [start + STEP, end + STEP];
	if (how === 'shorter' && end - start > STEP) end -= STEP;
	if (how === 'longer') end += STEP;
	if (how === 'prev_room' || how === 'next_room') {
		const i = d.rooms.findIndex((r) => r.id === s.roomId);
		const j = how === 'prev_room' ? i - 1 : i + 1;
		if (j >= 0 && j < d.rooms.length) roomId = d.rooms[j].id;
	}
	const a = local(new Date(start));
	const b = local(new Date(end));
	if (a.date !== b.date && b.time !== '00:00') throw new DomainError('invalid_input', { fields: { end: ['v_sched_end_before_start'] } });
	await moveSession(actor, eventId, { sessionId, roomId, date: a.date, start: a.time, end: b.time === '00:00' ? '23:59' : b.time });
}

/** The editor's grid: sessions with local date and times in their room's zone, and live conflicts. */
export async function grid(actor: Actor, eventId: string, locale: Locale) {
	const d = await draft(actor, eventId);
	const trackColor = new Map(d.tracks.map((tr) => [tr.id, tr.color]));
	const conflicted = new Set(d.conflicts.flatMap((c) => c.sessionIds));
	return {
		event: { id: d.event.id, slug: d.event.slug, name: d.event.name, timeZone: d.event.timeZone, startDate: d.event.startDate, endDate: d.event.endDate },
		rooms: d.rooms.map((r) => {
			const zone = zoneOfRoom(d, r.id);
			const venue = d.venues.find((v) => v.id === r.venueId);
			return { id: r.id, name: pick(r.name, locale), venue: venue ? pick(venue.name, locale) : '', zone, capacity: r.capacity, opensAt: venue?.opensAt ?? null, closesAt: venue?.closesAt ?? null };
		}),
		sessions: d.sessions.map((s) => {
			const zone = zoneOfRoom(d, s.roomId);
			return {
				id: s.id,
				code: s.code,
				title: pick(s.title, locale),
				kind: s.kind,
				status: s.status,
				roomId: s.roomId,
				color: s.trackId ? (trackColor.get(s.trackId) ?? '#64748b') : '#64748b',
				date: s.startsAt ? localDate(s.startsAt, zone) : null,
				start: s.startsAt ? localTime(s.startsAt, zone) : null,
				end: s.endsAt ? (localDate(s.endsAt, zone) !== localDate(s.startsAt!, zone) ? '24:00' : localTime(s.endsAt, zone)) : null,
				conflict: conflicted.has(s.id)
			};
		}),
		conflicts: d.conflicts
	};
}

/** Copies a break into every other room at the same time (skipping rooms that already have it). */
export async function copyBreakToAllRooms(actor: Actor, eventId: string, sessionId: string): Promise<number> {
	organizer(actor);
	return db.transaction(async (tx) => {
		const [brk] = await tx.select().from(programSessions).where(and(eq(programSessions.id, sessionId), eq(programSessions.eventId, eventId)));
		if (!brk || brk.kind !== 'break' || !brk.startsAt || !brk.endsAt) throw new DomainError('invalid_input', { details: { reason: 'not a scheduled break' } });
		const allRooms = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.eventId, eventId)).orderBy(asc(rooms.position));
		const existing = await tx
			.select({ roomId: programSessions.roomId, code: programSessions.code })
			.from(programSessions)
			.where(and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'break'), eq(programSessions.startsAt, brk.startsAt)));
		const have = new Set(existing.map((e) => e.roomId));
		const codes = new Set((await tx.select({ code: programSessions.code }).from(programSessions).where(eq(programSessions.eventId, eventId))).map((r) => r.code));
		let n = 0;
		for (const r of allRooms) {
			if (have.has(r.id)) continue;
			let k = 1;
			while (codes.has(`${brk.code}-${k}`)) k++;
			const code = `${brk.code}-${k}`;
			codes.add(code);
			await tx.insert(programSessions).values({ eventId, code, title: brk.title, abstract: brk.abstract, kind: 'break', roomId: r.id, startsAt: brk.startsAt, endsAt: brk.endsAt, status: brk.status });
			n++;
		}
		return n;
	});
}

export async function deleteSession(actor: Actor, eventId: string, sessionId: string) {
	organizer(actor);
	const d = await db.delete(programSessions).where(and(eq(programSessions.id, sessionId), eq(programSessions.eventId, eventId))).returning({ id: programSessions.id });
	if (!d.length) throw new DomainError('not_found');
}

/**
 * Freezes the draft into the next release. Refused (`conflicts_unresolved`, with the keys) while a
 * conflict stands without an override reason. People who starred a changed session get one mail
 * listing their changes, written in the release's transaction (outbox).
 */
export async function release(actor: Actor, eventId: string, input: { name: string; note: string | null; overrides: Record<string, string> }) {
	organizer(actor);
	const rel = await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'release:' + eventId}))`);
		const d = await draft(actor, eventId, tx);
		const open = d.conflicts.filter((c) => !input.overrides[c.key]?.trim());
		if (open.length) throw new DomainError('conflicts_unresolved', { status: 409, details: { keys: open.map((c) => c.key), count: open.length } });
		const overrides = d.conflicts.map((c) => ({ key: c.key, reason: input.overrides[c.key].trim() }));
		const created = await releases.create(actor, eventId, { name: input.name, note: input.note ?? undefined, overrides }, tx);
		await notifyStargazers(tx, created.snapshot.event.slug, created.version, created.changes, created.snapshot);
		return created;
	});
	// After the commit: every instance drops its cached release and serves the new one.
	await broadcast('release', eventId);
	return rel;
}

async function notifyStargazers(tx: Executor, slug: string, version: number, changes: Change[], snap: releases.Release['snapshot']) {
	const relevant = changes.filter((c) => !c.kinds.includes('new'));
	if (!relevant.length) return;
	const rows = await stargazers(tx, relevant.map((c) => c.sessionId));
	if (!rows.length) return;
	const people = await tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, [...new Set(rows.map((r) => r.userId))]));
	const byChange = new Map(relevant.map((c) => [c.sessionId, c]));
	const byId = new Map(snap.sessions.map((s) => [s.id, s]));
	const base = (process.env.PUBLIC_BASE_URL || '').replace(/\/$/, '');
	for (const p of people) {
		const locale = p.locale as Locale;
		const mine = rows.filter((r) => r.userId === p.id).map((r) => byChange.get(r.sessionId)!);
		const lines = mine.map((c) => {
			const s = byId.get(c.sessionId);
			const title = s ? pick(s.title, locale) : c.code;
			const what = c.kinds.map((k) => t(`sched_change_${k}`, locale)).join(', ');
			const when = s?.startsAt ? ` (${localDate(new Date(s.startsAt), snap.event.timeZone)} ${localTime(new Date(s.startsAt), zoneOf(snap, s.roomId))})` : '';
			return `- ${title}${when}: ${what}\n  ${base}/events/${slug}/sessions/${c.code}`;
		});
		await mail.enqueue(
			{
				to: p.email,
				kind: 'schedule.changes',
				locale,
				subject: t('sched_mail_subject', locale, { event: pick(snap.event.name, locale), version }),
				text: `${t('sched_mail_intro', locale, { count: mine.length })}\n\n${lines.join('\n')}\n`
			},
			tx
		);
	}
}

function zoneOf(snap: releases.Release['snapshot'], roomId: string | null) {
	const room = snap.rooms.find((r) => r.id === roomId);
	return snap.venues.find((v) => v.id === room?.venueId)?.timeZone ?? snap.event.timeZone;
}

export type { Conflict };

/** What the next release would change, against the current one. */
export async function preview(actor: Actor, eventId: string) {
	organizer(actor);
	const { buildSnapshot, diffSnapshots } = await import('./snapshot');
	const [prev, next] = await Promise.all([releases.latest(eventId), buildSnapshot(db, eventId)]);
	return diffSnapshots(prev?.snapshot ?? null, next);
}

export async function releaseList(actor: Actor, eventId: string) {
	organizer(actor);
	return releases.list(eventId);
}

export async function releaseByVersion(actor: Actor, eventId: string, version: number) {
	organizer(actor);
	const r = await releases.byVersion(eventId, version);
	if (!r) throw new DomainError('not_found');
	return r;
}

/** A session as its form shows it: local date and times in its room's zone. */
export function sessionForm(d: DraftData, s: DraftData['sessions'][number]) {
	const zone = zoneOfRoom(d, s.roomId);
	return {
		id: s.id,
		code: s.code,
		titleZh: s.title.zh,
		titleEn: s.title.en,
		abstractZh: s.abstract?.zh ?? '',
		abstractEn: s.abstract?.en ?? '',
		kind: s.kind,
		trackId: s.trackId ?? '',
		roomId: s.roomId ?? '',
		date: s.startsAt ? localDate(s.startsAt, zone) : '',
		start: s.startsAt ? localTime(s.startsAt, zone) : '',
		end: s.endsAt ? localTime(s.endsAt, zone) : '',
		capacity: s.capacity == null ? '' : String(s.capacity),
		requiresBooking: s.requiresBooking ? 'true' : 'false',
		status: s.status,
		speakerIds: s.speakerIds
	};
}
