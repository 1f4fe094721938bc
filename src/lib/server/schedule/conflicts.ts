/**
 * Conflict rules for the draft program: pure functions over plain data, so the editor can show them
 * live and the release can refuse to freeze a program that still has them. Each conflict has a stable
 * `key`, which is what an organizer's override (with a reason) refers to.
 */
import { localDate, localParts } from '$lib/time';

export type ConflictKind = 'room_double_booked' | 'speaker_double_booked' | 'outside_venue_hours' | 'outside_event_days' | 'over_room_capacity' | 'implausible_local_time';

export interface Conflict {
	key: string;
	kind: ConflictKind;
	sessionIds: string[];
	codes: string[];
	details: Record<string, string | number>;
}

export interface DraftSession {
	id: string;
	code: string;
	roomId: string | null;
	startsAt: Date | null;
	endsAt: Date | null;
	capacity: number | null;
	status: 'confirmed' | 'cancelled';
	speakerIds: string[];
}
export interface DraftRoom {
	id: string;
	venueId: string;
	capacity: number | null;
}
export interface DraftVenue {
	id: string;
	timeZone: string | null;
	opensAt: string | null;
	closesAt: string | null;
}
export interface DraftEvent {
	timeZone: string;
	startDate: string;
	endDate: string;
}
export interface Draft {
	event: DraftEvent;
	venues: DraftVenue[];
	rooms: DraftRoom[];
	sessions: DraftSession[];
}

type Timed = DraftSession & { startsAt: Date; endsAt: Date };
const active = (s: DraftSession): s is Timed => s.status !== 'cancelled' && !!s.startsAt && !!s.endsAt;
const overlaps = (a: Timed, b: Timed) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** Pairs of sessions sharing a room at the same time. */
export function roomDoubleBooked(sessions: DraftSession[]): Conflict[] {
	const byRoom = new Map<string, Timed[]>();
	for (const s of sessions.filter(active)) if (s.roomId) (byRoom.get(s.roomId) ?? byRoom.set(s.roomId, []).get(s.roomId)!).push(s);
	const out: Conflict[] = [];
	for (const [roomId, list] of byRoom) {
		list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.code.localeCompare(b.code));
		for (let i = 0; i < list.length; i++)
			for (let j = i + 1; j < list.length && list[j].startsAt < list[i].endsAt; j++)
				if (overlaps(list[i], list[j])) out.push(pair('room_double_booked', list[i], list[j], { roomId }));
	}
	return out;
}

/** A speaker booked into two sessions that overlap. */
export function speakerDoubleBooked(sessions: DraftSession[]): Conflict[] {
	const bySpeaker = new Map<string, Timed[]>();
	for (const s of sessions.filter(active)) for (const sp of s.speakerIds) (bySpeaker.get(sp) ?? bySpeaker.set(sp, []).get(sp)!).push(s);
	const out: Conflict[] = [];
	for (const [speakerId, list] of bySpeaker) {
		list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.code.localeCompare(b.code));
		for (let i = 0; i < list.length; i++)
			for (let j = i + 1; j < list.length; j++) if (overlaps(list[i], list[j])) out.push(pair('speaker_double_booked', list[i], list[j], { speakerId }, speakerId));
	}
	return out;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
function localMinutes(at: Date, tz: string) {
	const p = localParts(at, tz);
	return p.hour * 60 + p.minute;
}

/** Starts before the venue opens or ends after it closes (local to the venue), or runs past midnight. */
export function outsideVenueHours(s: DraftSession, venue: DraftVenue | undefined, eventZone: string): Conflict | null {
	if (!active(s) || !venue || (!venue.opensAt && !venue.closesAt)) return null;
	const tz = venue.timeZone ?? eventZone;
	const start = localMinutes(s.startsAt, tz);
	const sameDay = localDate(s.startsAt, tz) === localDate(new Date(s.endsAt.getTime() - 1), tz);
	const end = sameDay ? localMinutes(s.endsAt, tz) || 24 * 60 : 24 * 60 + localMinutes(s.endsAt, tz);
	const opens = venue.opensAt ? minutes(venue.opensAt) : 0;
	const closes = venue.closesAt ? minutes(venue.closesAt) : 24 * 60;
	if (start >= opens && end <= closes) return null;
	return single('outside_venue_hours', s, { opensAt: venue.opensAt ?? '00:00', closesAt: venue.closesAt ?? '24:00' });
}

/** Held on a local date (in its venue's zone) outside the event's days. */
export function outsideEventDays(s: DraftSession, event: DraftEvent, venueZone: string | null): Conflict | null {
	if (!active(s)) return null;
	const tz = venueZone ?? event.timeZone;
	const first = localDate(s.startsAt, tz);
	const last = localDate(new Date(s.endsAt.getTime() - 1), tz);
	if (first >= event.startDate && last <= event.endDate) return null;
	return single('outside_event_days', s, { startDate: event.startDate, endDate: event.endDate });
}

/** More seats offered than the room holds. */
export function overRoomCapacity(s: DraftSession, room: DraftRoom | undefined): Conflict | null {
	if (s.status === 'cancelled' || !room || room.capacity == null || s.capacity == null || s.capacity <= room.capacity) return null;
	return single('over_room_capacity', s, { capacity: s.capacity, roomCapacity: room.capacity });
}

/** A session at a venue abroad whose local time is unlikely to be meant (before 07:00 or after 22:00). */
export function implausibleLocalTime(s: DraftSession, venue: DraftVenue | undefined, eventZone: string): Conflict | null {
	if (!active(s) || !venue?.timeZone || venue.timeZone === eventZone) return null;
	const start = localMinutes(s.startsAt, venue.timeZone);
	const sameDay = localDate(s.startsAt, venue.timeZone) === localDate(new Date(s.endsAt.getTime() - 1), venue.timeZone);
	const end = sameDay ? localMinutes(s.endsAt, venue.timeZone) || 24 * 60 : 24 * 60 + localMinutes(s.endsAt, venue.timeZone);
	if (start >= 7 * 60 && end <= 22 * 60) return null;
	const p = localParts(s.startsAt, venue.timeZone);
	return single('implausible_local_time', s, { localStart: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`, timeZone: venue.timeZone });
}

/** Every conflict of a draft program, in a stable order. */
export function findConflicts(draft: Draft): Conflict[] {
	const rooms = new Map(draft.rooms.map((r) => [r.id, r]));
	const venues = new Map(draft.venues.map((v) => [v.id, v]));
	const out = [...roomDoubleBooked(draft.sessions), ...speakerDoubleBooked(draft.sessions)];
	for (const s of draft.sessions) {
		const room = s.roomId ? rooms.get(s.roomId) : undefined;
		const venue = room ? venues.get(room.venueId) : undefined;
		for (const c of [
			outsideEventDays(s, draft.event, venue?.timeZone ?? null),
			outsideVenueHours(s, venue, draft.event.timeZone),
			overRoomCapacity(s, room),
			implausibleLocalTime(s, venue, draft.event.timeZone)
		])
			if (c) out.push(c);
	}
	return out;
}

function pair(kind: ConflictKind, a: DraftSession, b: DraftSession, details: Record<string, string>, extra = ''): Conflict {
	const [x, y] = [a, b].sort((p, q) => p.code.localeCompare(q.code));
	return { key: `${kind}:${x.code}:${y.code}${extra ? ':' + extra : ''}`, kind, sessionIds: [x.id, y.id], codes: [x.code, y.code], details };
}
function single(kind: ConflictKind, s: DraftSession, details: Record<string, string | number>): Conflict {
	return { key: `${kind}:${s.code}`, kind, sessionIds: [s.id], codes: [s.code], details };
}
