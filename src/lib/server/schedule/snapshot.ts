/**
 * The published program is a frozen snapshot of the draft tables, stored in `releases`. Everything
 * the public reads (pages, feeds, API) comes from a snapshot, so a release never changes and can be
 * cached until the next one.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../db';
import type { I18nText } from '../db/columns';
import { events } from '../events/tables';
import { programSessions, rooms, sessionSpeakers, speakers, tracks, venues } from './tables';
import { delegates, partners, projects } from '../partners/tables';

export interface SnapshotSession {
	id: string;
	code: string;
	title: I18nText;
	abstract: I18nText | null;
	kind: string;
	trackId: string | null;
	roomId: string | null;
	startsAt: string | null;
	endsAt: string | null;
	capacity: number | null;
	requiresBooking: boolean;
	partnerId: string | null;
	status: 'confirmed' | 'cancelled';
	speakerIds: string[];
	/** Releases after the first in which this session changed: the iCalendar SEQUENCE. */
	sequence?: number;
}

/**
 * A project pitched in a roadshow session, as the public sees it. Pitches are part of the release
 * like the sessions they sit in: placing one changes the draft, and the next release publishes it.
 */
export interface SnapshotPitch {
	/** The project's id. */
	id: string;
	sessionId: string;
	title: I18nText;
	field: string;
	stage: string;
	partnerId: string;
	/** The delegate who presents it. */
	presenter: string;
	startsAt: string;
	minutes: number;
}

export interface ProgramSnapshot {
	event: { id: string; slug: string; name: I18nText; city: I18nText; timeZone: string; startDate: string; endDate: string };
	venues: {
		id: string;
		name: I18nText;
		address: I18nText | null;
		city: I18nText | null;
		kind: string;
		timeZone: string | null;
		latitude: number | null;
		longitude: number | null;
	}[];
	rooms: { id: string; venueId: string; name: I18nText; capacity: number | null; position: number }[];
	tracks: { id: string; slug: string; name: I18nText; color: string }[];
	speakers: { id: string; slug: string; name: I18nText; organization: I18nText | null; title: I18nText | null; bio: I18nText | null; photo: string | null }[];
	partners: { id: string; slug: string; name: I18nText }[];
	sessions: SnapshotSession[];
	/** In start order. Absent from releases made before pitches were published with the program. */
	pitches?: SnapshotPitch[];
}

export async function buildSnapshot(ex: Executor, eventId: string): Promise<ProgramSnapshot> {
	const [event] = await ex.select().from(events).where(eq(events.id, eventId)).limit(1);
	const [venueRows, roomRows, trackRows, speakerRows, sessionRows, links, pitchRows] = await Promise.all([
		ex.select().from(venues).where(eq(venues.eventId, eventId)).orderBy(asc(venues.position)),
		ex.select().from(rooms).where(eq(rooms.eventId, eventId)).orderBy(asc(rooms.position)),
		ex.select().from(tracks).where(eq(tracks.eventId, eventId)).orderBy(asc(tracks.position)),
		ex.select().from(speakers).where(eq(speakers.eventId, eventId)).orderBy(asc(speakers.slug)),
		ex.select().from(programSessions).where(eq(programSessions.eventId, eventId)).orderBy(asc(programSessions.startsAt), asc(programSessions.code)),
		ex
			.select({ sessionId: sessionSpeakers.sessionId, speakerId: sessionSpeakers.speakerId, position: sessionSpeakers.position })
			.from(sessionSpeakers)
			.innerJoin(programSessions, eq(programSessions.id, sessionSpeakers.sessionId))
			.where(eq(programSessions.eventId, eventId))
			.orderBy(asc(sessionSpeakers.position)),
		// Every placed pitch of the edition in one query, whatever the number of roadshows.
		ex
			.select({
				id: projects.id,
				sessionId: projects.sessionId,
				title: projects.title,
				field: projects.field,
				stage: projects.stage,
				partnerId: projects.partnerId,
				presenter: delegates.name,
				startsAt: projects.pitchStartsAt,
				minutes: projects.pitchMinutes
			})
			.from(projects)
			.innerJoin(delegates, eq(delegates.id, projects.delegateId))
			.where(and(eq(projects.eventId, eventId), eq(projects.status, 'shortlisted'), isNotNull(projects.sessionId), isNotNull(projects.pitchStartsAt), isNotNull(projects.pitchMinutes)))
			.orderBy(asc(projects.pitchStartsAt), asc(projects.id))
	]);
	const timed = new Map(sessionRows.filter((s) => s.startsAt && s.endsAt).map((s) => [s.id, s]));
	// Only pitches that lie inside their session as the draft has it now: a session moved after its
	// pitches were placed must not publish slots it no longer covers (the organizers' page flags them).
	const pitchList = pitchRows.filter((p) => {
		const s = timed.get(p.sessionId!);
		return !!s && p.startsAt!.getTime() >= s.startsAt!.getTime() && p.startsAt!.getTime() + p.minutes! * 60_000 <= s.endsAt!.getTime();
	});
	const partnerIds = [...new Set([...sessionRows.map((s) => s.partnerId), ...pitchList.map((p) => p.partnerId)].filter((p): p is string => !!p))];
	const partnerRows = partnerIds.length
		? await ex.select({ id: partners.id, slug: partners.slug, name: partners.name }).from(partners).where(inArray(partners.id, partnerIds))
		: [];
	const bySession = new Map<string, string[]>();
	for (const l of links) (bySession.get(l.sessionId) ?? bySession.set(l.sessionId, []).get(l.sessionId)!).push(l.speakerId);
	return {
		event: {
			id: event.id,
			slug: event.slug,
			name: event.name,
			city: event.city,
			timeZone: event.timeZone,
			startDate: event.startDate,
			endDate: event.endDate
		},
		venues: venueRows.map((v) => ({
			id: v.id,
			name: v.name,
			address: v.address,
			city: v.city,
			kind: v.kind,
			timeZone: v.timeZone,
			latitude: v.latitude,
			longitude: v.longitude
		})),
		rooms: roomRows.map((r) => ({ id: r.id, venueId: r.venueId, name: r.name, capacity: r.capacity, position: r.position })),
		tracks: trackRows.map((t) => ({ id: t.id, slug: t.slug, name: t.name, color: t.color })),
		speakers: speakerRows.map((s) => ({ id: s.id, slug: s.slug, name: s.name, organization: s.organization, title: s.title, bio: s.bio, photo: s.photo })),
		partners: partnerRows,
		sessions: sessionRows
			.filter((s) => s.startsAt && s.endsAt)
			.map((s) => ({
				id: s.id,
				code: s.code,
				title: s.title,
				abstract: s.abstract,
				kind: s.kind,
				trackId: s.trackId,
				roomId: s.roomId,
				startsAt: s.startsAt!.toISOString(),
				endsAt: s.endsAt!.toISOString(),
				capacity: s.capacity,
				requiresBooking: s.requiresBooking,
				partnerId: s.partnerId,
				status: s.status,
				speakerIds: bySession.get(s.id) ?? []
			})),
		pitches: pitchList.map((p) => ({
			id: p.id,
			sessionId: p.sessionId!,
			title: p.title,
			field: p.field,
			stage: p.stage,
			partnerId: p.partnerId,
			presenter: p.presenter,
			startsAt: p.startsAt!.toISOString(),
			minutes: p.minutes!
		}))
	};
}

/** A session's line-up as compared between releases: who pitches what, when. */
function lineUps(snap: ProgramSnapshot | null): Map<string, string> {
	const out = new Map<string, string[]>();
	for (const p of snap?.pitches ?? []) (out.get(p.sessionId) ?? out.set(p.sessionId, []).get(p.sessionId)!).push(`${p.id}@${p.startsAt}+${p.minutes}:${p.title.zh}|${p.title.en}|${p.presenter}`);
	return new Map([...out].map(([k, v]) => [k, v.join(',')]));
}

export type ChangeKind = 'new' | 'moved' | 'cancelled' | 'room_changed' | 'removed' | 'updated';
export interface Change {
	sessionId: string;
	code: string;
	kinds: ChangeKind[];
}

/** What changed between two releases of a program: a pure function. */
export function diffSnapshots(prev: ProgramSnapshot | null, next: ProgramSnapshot): Change[] {
	const before = new Map((prev?.sessions ?? []).map((s) => [s.id, s]));
	const [oldPitches, newPitches] = [lineUps(prev), lineUps(next)];
	const changes: Change[] = [];
	for (const s of next.sessions) {
		const old = before.get(s.id);
		before.delete(s.id);
		if (!old) {
			changes.push({ sessionId: s.id, code: s.code, kinds: [s.status === 'cancelled' ? 'cancelled' : 'new'] });
			continue;
		}
		const kinds: ChangeKind[] = [];
		if (old.status !== 'cancelled' && s.status === 'cancelled') kinds.push('cancelled');
		if (old.startsAt !== s.startsAt || old.endsAt !== s.endsAt) kinds.push('moved');
		if (old.roomId !== s.roomId) kinds.push('room_changed');
		if (
			!kinds.length &&
			(JSON.stringify([old.title, old.abstract, old.kind, old.trackId, old.capacity, old.requiresBooking, old.speakerIds, old.status]) !==
				JSON.stringify([s.title, s.abstract, s.kind, s.trackId, s.capacity, s.requiresBooking, s.speakerIds, s.status]) ||
				// A roadshow whose line-up changed is an update of that session.
				(oldPitches.get(s.id) ?? '') !== (newPitches.get(s.id) ?? ''))
		)
			kinds.push('updated');
		if (kinds.length) changes.push({ sessionId: s.id, code: s.code, kinds });
	}
	for (const old of before.values()) changes.push({ sessionId: old.id, code: old.code, kinds: ['removed'] });
	return changes;
}
