/**
 * Pure rules of matchmaking (no I/O): caps, expiry, availability and double-booking, cutting a
 * session into slots, and the recommendation score with its reasons.
 */
import type { MatchCaps, MatchIntent, MatchKind } from './tables';
import type { Reason } from './views';

/* ---------- caps ---------- */

/** The edition's cap for a kind; a kind without an entry has none. */
export function capFor(caps: MatchCaps, kind: MatchKind): { openRequests: number | null; meetings: number | null } {
	const c = caps[kind];
	return { openRequests: c ? c.openRequests : null, meetings: c ? c.meetings : null };
}

/** May a person of `kind` with `open` pending requests sent and `meetings` live meetings send one more? */
export function requestCapError(caps: MatchCaps, kind: MatchKind, counts: { open: number; meetings: number }): 'request_cap' | 'meeting_cap' | null {
	const c = capFor(caps, kind);
	if (c.meetings !== null && counts.meetings >= c.meetings) return 'meeting_cap';
	if (c.openRequests !== null && counts.open >= c.openRequests) return 'request_cap';
	return null;
}

/** May a person of `kind` with `meetings` live meetings take one more? */
export function meetingCapError(caps: MatchCaps, kind: MatchKind, meetings: number): 'meeting_cap' | null {
	const c = capFor(caps, kind);
	return c.meetings !== null && meetings >= c.meetings ? 'meeting_cap' : null;
}

/* ---------- expiry ---------- */

export function expiresAt(createdAt: Date, ttlHours: number): Date {
	return new Date(createdAt.getTime() + ttlHours * 3_600_000);
}

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

/** A pending request past its time reads as expired, whether or not the sweep has written it yet. */
export function effectiveStatus(status: RequestStatus, expires: Date, now: Date): RequestStatus {
	return status === 'pending' && expires.getTime() <= now.getTime() ? 'expired' : status;
}

/** Who still has to accept a pending request: the recipient, or for a brokered one each side that has not. */
export function awaiting(r: { fromAccepted: boolean; toAccepted: boolean }): ('from' | 'to')[] {
	const out: ('from' | 'to')[] = [];
	if (!r.fromAccepted) out.push('from');
	if (!r.toAccepted) out.push('to');
	return out;
}

/* ---------- time: slots, availability, double-booking ---------- */

export interface Interval {
	startsAt: number; // epoch ms
	endsAt: number;
	/** The room; null for remote meetings and other commitments with no place to walk from. */
	roomId: string | null;
}

/**
 * Do two commitments of one person clash? They clash when they overlap in time, or when both are in
 * rooms, the rooms differ and the gap between them is shorter than the walk.
 */
export function clash(a: Interval, b: Interval, walkMinutes: number): boolean {
	if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) return true;
	if (a.roomId === null || b.roomId === null || a.roomId === b.roomId) return false;
	const gap = a.startsAt >= b.endsAt ? a.startsAt - b.endsAt : b.startsAt - a.endsAt;
	return gap < walkMinutes * 60_000;
}

/** Is the person free for `slot` given their other commitments? */
export function isFree(slot: Interval, commitments: Interval[], walkMinutes: number): boolean {
	return !commitments.some((c) => clash(slot, c, walkMinutes));
}

/**
 * Which slots suit both people of a meeting: not marked unavailable by either and free of their
 * other commitments. Returns per slot the reason it does not suit, or null.
 */
export function slotVerdicts<S extends Interval & { id: string }>(
	slots: S[],
	people: { unavailable: Set<string>; commitments: Interval[] }[],
	walkMinutes: number
): { slot: S; reason: 'unavailable' | 'a_busy' | 'b_busy' | null }[] {
	return slots.map((slot) => {
		if (people.some((p) => p.unavailable.has(slot.id))) return { slot, reason: 'unavailable' };
		for (let i = 0; i < people.length; i++) {
			if (!isFree(slot, people[i].commitments, walkMinutes)) return { slot, reason: i === 0 ? 'a_busy' : 'b_busy' };
		}
		return { slot, reason: null };
	});
}

/**
 * Cuts a session into meetings of `slotMinutes` separated by `gapMinutes`; a last piece shorter than
 * a meeting is dropped.
 */
export function cutSlots(startsAt: number, endsAt: number, slotMinutes: number, gapMinutes: number): { startsAt: number; endsAt: number }[] {
	if (!(slotMinutes > 0) || gapMinutes < 0 || endsAt <= startsAt) return [];
	const out: { startsAt: number; endsAt: number }[] = [];
	const len = slotMinutes * 60_000;
	const step = (slotMinutes + gapMinutes) * 60_000;
	for (let t = startsAt; t + len <= endsAt; t += step) out.push({ startsAt: t, endsAt: t + len });
	return out;
}

/**
 * A table for a meeting in a slot: the fixed table of either person if they have one (free), else
 * the lowest-numbered free table not fixed to someone else. Null when none is left.
 */
export function pickTable<T extends { id: string; number: number; fixedProfileId: string | null }>(
	tables: T[],
	taken: Set<string>,
	a: string,
	b: string
): T | null {
	const fixed = tables.filter((t) => t.fixedProfileId === a || t.fixedProfileId === b);
	if (fixed.length) return fixed.find((t) => !taken.has(t.id)) ?? null;
	return [...tables].sort((x, y) => x.number - y.number).find((t) => t.fixedProfileId === null && !taken.has(t.id)) ?? null;
}

/** Has a slot already ended at `now` (epoch ms)? Ended slots are never offered, accepted into or chosen. */
export function slotEnded(slot: { endsAt: number }, now: number): boolean {
	return slot.endsAt <= now;
}

/** Has a meeting's time passed (its end plus grace)? Used for no-shows and the outcome question. */
export function isOver(endsAt: Date | null, now: Date, graceMinutes = 0): boolean {
	return !!endsAt && endsAt.getTime() + graceMinutes * 60_000 <= now.getTime();
}

/** May the meeting be marked held now: from 15 minutes before its start to 60 after its end. */
export function isMeetingTime(startsAt: Date | null, endsAt: Date | null, now: Date): boolean {
	if (!startsAt || !endsAt) return false;
	return now.getTime() >= startsAt.getTime() - 15 * 60_000 && now.getTime() <= endsAt.getTime() + 60 * 60_000;
}

/**
 * The no-show side once a meeting is over and not held, from both accounts: a side that says it was
 * absent, or whom the other reports absent, did not come. Without any account, both.
 */
export function noShowSide(reports: { a: string | null; b: string | null }): 'a' | 'b' | 'both' | null {
	const aAbsent = reports.a === 'i_was_absent' || reports.b === 'other_absent';
	const bAbsent = reports.b === 'i_was_absent' || reports.a === 'other_absent';
	if (reports.a === 'cancelled' || reports.b === 'cancelled') return null;
	if (aAbsent && bAbsent) return 'both';
	if (aAbsent) return 'a';
	if (bAbsent) return 'b';
	if (reports.a === 'held' || reports.b === 'held') return null;
	return 'both';
}

/* ---------- recommendations ---------- */

/** Which offers serve which seeks: an investor's "invest" serves "raise" (and "invest"), a recruiter's "recruit" a seeker of "job". */
const SERVES: Record<MatchIntent, MatchIntent[]> = {
	invest: ['invest', 'raise'],
	raise: ['raise', 'invest'],
	recruit: ['recruit', 'job'],
	job: ['job', 'recruit'],
	partner: ['partner'],
	incubate: ['incubate']
};

export function serves(offer: MatchIntent, seek: MatchIntent): boolean {
	return SERVES[offer]?.includes(seek) ?? false;
}

export interface ScoreProfile {
	kind: MatchKind;
	sectors: string[];
	offers: MatchIntent[];
	seeks: MatchIntent[];
	languages: string[];
	openings?: { id: string; sector: string }[];
	projectSectors?: string[];
}

export const WEIGHTS = { seek: 4, offer: 3, sector: 2, language: 1, opening: 2, project: 1 } as const;

/**
 * How well `other` suits `me`, and why. Reasons: what I seek that they offer, what I offer that they
 * seek, the sectors we share, a shared language, an opening of theirs in my sector (when I look for
 * a job), a project of mine in a sector of theirs. A score of 0 means no recommendation: it needs an
 * intent matched or a sector shared; without a common language the score is halved.
 */
export function score(me: ScoreProfile, other: ScoreProfile): { score: number; reasons: Reason[] } {
	const reasons: Reason[] = [];
	let s = 0;
	const mySeeks = me.seeks.filter((seek) => other.offers.some((o) => serves(o, seek)));
	for (const intent of mySeeks) reasons.push({ key: 'seek_meets_offer', params: { intent } });
	s += mySeeks.length * WEIGHTS.seek;
	const myOffers = me.offers.filter((o) => other.seeks.some((seek) => serves(o, seek)));
	for (const intent of myOffers) reasons.push({ key: 'offer_meets_seek', params: { intent } });
	s += myOffers.length * WEIGHTS.offer;
	const shared = me.sectors.filter((x) => other.sectors.includes(x));
	if (shared.length) {
		reasons.push({ key: 'sectors', params: { sectors: shared.join(','), count: shared.length } });
		s += shared.length * WEIGHTS.sector;
	}
	if (!mySeeks.length && !myOffers.length && !shared.length) return { score: 0, reasons: [] };
	if (me.seeks.includes('job')) {
		const opening = (other.openings ?? []).find((o) => me.sectors.includes(o.sector));
		if (opening) {
			reasons.push({ key: 'opening', params: { openingId: opening.id, sector: opening.sector } });
			s += WEIGHTS.opening;
		}
	}
	const projectSector = (me.projectSectors ?? []).find((x) => other.sectors.includes(x));
	if (projectSector) {
		reasons.push({ key: 'project', params: { sector: projectSector } });
		s += WEIGHTS.project;
	}
	const language = me.languages.find((l) => other.languages.includes(l));
	if (language) {
		reasons.push({ key: 'language', params: { language } });
		s += WEIGHTS.language;
	} else if (me.languages.length && other.languages.length) {
		s = Math.floor(s / 2);
	}
	return { score: s, reasons };
}

/** The best `limit` candidates by score (ties: by id, for a stable order). */
export function rank<T extends { id: string }>(me: ScoreProfile, others: (T & ScoreProfile)[], limit: number): { item: T; score: number; reasons: Reason[] }[] {
	return others
		.map((o) => ({ item: o as T, ...score(me, o) }))
		.filter((r) => r.score > 0)
		.sort((x, y) => y.score - x.score || (x.item.id < y.item.id ? -1 : 1))
		.slice(0, limit);
}

/* ---------- search ---------- */

/** Lower-case, NFKC, inner whitespace collapsed. */
export function normalize(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The search text of a profile from its parts; `pinyin` is the full pinyin of the Chinese name
 * (syllables separated by spaces) and `initials` its initials. The full pinyin goes in both spaced
 * and joined, so "zhang wei", "zhangwei" and "zw" find 张伟.
 */
export function searchText(parts: { name: string; nameZh: string | null; organization: string; pinyin: string; initials: string }): string {
	const py = normalize(parts.pinyin);
	return [parts.name, parts.nameZh ?? '', parts.organization, py, py.replace(/ /g, ''), normalize(parts.initials).replace(/ /g, '')]
		.map(normalize)
		.filter(Boolean)
		.join(' | ');
}

/** The terms of a query: each must occur in the search text. */
export function queryTerms(q: string): string[] {
	return normalize(q)
		.split(' ')
		.filter((t) => t.length > 0)
		.slice(0, 6);
}
