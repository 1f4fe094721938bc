/**
 * Meetings: the person's list, free slots for both people, availability, self-booking a slot,
 * remote meetings, held by badge scan, each side's account, no-shows, ratings and outcomes.
 */
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { isOrganizer, mayEnter, requireArea, requireUser, type Actor } from '../auth/access';
import { registrations } from '../registrations/tables';
import { badges as badgeTable } from '../badges/tables';
import * as badges from '../badges';
import { DomainError } from '../errors';
import { record } from '../audit';
import { matchRateSchema, matchRemoteSchema, MATCH_MEETING_STATUSES, type MatchRateInput, type MatchRemoteInput } from '$lib/schemas/matchmaking';
import { matchMeetingSeats, matchMeetings, matchOutcomes, matchProfiles, matchRatings, matchRequests, matchSessions, matchSettings, matchSlots, matchTables, matchUnavailability } from './tables';
import { notify } from './notify';
import * as rules from './rules';
import * as settingsTopic from './settings';
import * as booking from './booking';
import { ownProfile, valid } from './shape';
import { meetingViews, viewsOf, type MeetingRow } from './meeting-views';
import { rooms } from '../schedule/tables';
import type { HeldResult, MeetingView, Outcome, Report, SlotOption, SlotView } from './views';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

async function loadMeeting(id: string): Promise<MeetingRow> {
	if (!isUuid(id)) throw new DomainError('not_found');
	const [m] = await db.select().from(matchMeetings).where(eq(matchMeetings.id, id));
	if (!m) throw new DomainError('not_found');
	return m;
}

/** The actor's side of the meeting, or null for organizers (anyone else: not found). */
async function access(actor: Actor, m: MeetingRow, opts: { staff?: boolean } = {}): Promise<{ side: 'a' | 'b' | null; profileId: string | null }> {
	const me = await ownProfile(db, actor, m.eventId);
	if (me?.id === m.aProfileId) return { side: 'a', profileId: me.id };
	if (me?.id === m.bProfileId) return { side: 'b', profileId: me.id };
	if (isOrganizer(actor) || (opts.staff && mayEnter(actor, 'staff'))) return { side: null, profileId: null };
	throw new DomainError('not_found');
}

async function view(m: MeetingRow | string, profileId: string | null): Promise<MeetingView> {
	const [v] = await meetingViews(db, [typeof m === 'string' ? m : m.id], { profileId });
	return v;
}

/** The actor's meetings in the edition (not cancelled), by time; the other side with contact details. */
export async function myMeetings(actor: Actor, eventId: string): Promise<MeetingView[]> {
	requireUser(actor);
	const me = await ownProfile(db, actor, eventId);
	if (!me) return [];
	const rows = await db
		.select()
		.from(matchMeetings)
		.where(and(ne(matchMeetings.status, 'cancelled'), or(eq(matchMeetings.aProfileId, me.id), eq(matchMeetings.bProfileId, me.id))))
		.orderBy(sql`${matchMeetings.startsAt} asc nulls last`, asc(matchMeetings.createdAt));
	return viewsOf(db, rows, { profileId: me.id });
}

/** One meeting: its two people and organizers. */
export async function meeting(actor: Actor, meetingId: string): Promise<MeetingView> {
	requireUser(actor);
	const m = await loadMeeting(meetingId);
	const { profileId } = await access(actor, m);
	return view(m, profileId);
}

/** Organizers: the edition's meetings, filterable by status. */
export async function meetings(actor: Actor, eventId: string, filter: { status?: string } = {}): Promise<MeetingView[]> {
	requireArea(actor, 'organizer');
	const status = (MATCH_MEETING_STATUSES as readonly string[]).includes(filter.status ?? '') ? (filter.status as MeetingRow['status']) : undefined;
	const rows = await db
		.select()
		.from(matchMeetings)
		.where(and(eq(matchMeetings.eventId, eventId), status ? eq(matchMeetings.status, status) : undefined))
		.orderBy(sql`${matchMeetings.startsAt} asc nulls last`, asc(matchMeetings.createdAt))
		.limit(5000);
	return viewsOf(db, rows, { profileId: null });
}

/** The slots of the edition with whether both people of the meeting (or of the pending request) are free. */
export async function slotsFor(actor: Actor, meetingOrRequestId: string): Promise<SlotOption[]> {
	requireUser(actor);
	if (!isUuid(meetingOrRequestId)) throw new DomainError('not_found');
	let pair: { id: string | null; eventId: string; aProfileId: string; bProfileId: string };
	const [m] = await db.select().from(matchMeetings).where(eq(matchMeetings.id, meetingOrRequestId));
	if (m) {
		await access(actor, m);
		pair = m;
	} else {
		const [r] = await db.select().from(matchRequests).where(eq(matchRequests.id, meetingOrRequestId));
		if (!r) throw new DomainError('not_found');
		const me = await ownProfile(db, actor, r.eventId);
		if (!isOrganizer(actor) && me?.id !== r.fromProfileId && me?.id !== r.toProfileId) throw new DomainError('not_found');
		pair = { id: null, eventId: r.eventId, aProfileId: r.fromProfileId, bProfileId: r.toProfileId };
	}
	const now = Date.now();
	return db.transaction(async (tx) => {
		const settings = await settingsTopic.load(tx, pair.eventId);
		const slots = await tx
			.select({ s: matchSlots, roomName: rooms.name })
			.from(matchSlots)
			.innerJoin(rooms, eq(rooms.id, matchSlots.roomId))
			.where(eq(matchSlots.eventId, pair.eventId))
			.orderBy(asc(matchSlots.startsAt), asc(matchSlots.position));
		const people = [pair.aProfileId, pair.bProfileId];
		const [busy, off] = await Promise.all([booking.commitments(tx, people, pair.id), booking.unavailable(tx, people)]);
		const verdicts = rules.slotVerdicts(
			slots.map((x) => ({ id: x.s.id, startsAt: x.s.startsAt.getTime(), endsAt: x.s.endsAt.getTime(), roomId: x.s.roomId })),
			people.map((p) => ({ unavailable: off.get(p)!, commitments: busy.get(p)! })),
			settings.walkMinutes
		);
		const tables = await tx.select().from(matchTables).where(eq(matchTables.eventId, pair.eventId));
		const used = await tx
			.select({ slotId: matchMeetings.slotId, tableId: matchMeetings.tableId })
			.from(matchMeetings)
			.where(and(eq(matchMeetings.eventId, pair.eventId), ne(matchMeetings.status, 'cancelled'), pair.id ? ne(matchMeetings.id, pair.id) : undefined));
		return slots.map((x, i) => {
			const taken = new Set(used.filter((u) => u.slotId === x.s.id).map((u) => u.tableId!));
			const table = rules.pickTable(
				tables.filter((t) => t.sessionId === x.s.sessionId),
				taken,
				pair.aProfileId,
				pair.bProfileId
			);
			const reason = rules.slotEnded({ endsAt: x.s.endsAt.getTime() }, now) ? 'ended' : (verdicts[i].reason ?? (table ? null : 'no_table'));
			return {
				id: x.s.id,
				sessionId: x.s.sessionId,
				position: x.s.position,
				roomId: x.s.roomId,
				roomName: x.roomName,
				startsAt: x.s.startsAt.toISOString(),
				endsAt: x.s.endsAt.toISOString(),
				free: reason === null,
				reason
			};
		});
	});
}

/**
 * A participant picks a slot for an accepted meeting (`self` mode), under the edition lock. A slot
 * no longer free gives `warning: 'slot_taken'` and leaves the meeting as it was; a slot that has
 * already ended is refused (`match_slot_ended`).
 */
export async function chooseSlot(actor: Actor, meetingId: string, slotId: string): Promise<{ meeting: MeetingView; warning: 'slot_taken' | null }> {
	requireUser(actor);
	const m0 = await loadMeeting(meetingId);
	const { side, profileId } = await access(actor, m0);
	if (!side) throw new DomainError('forbidden');
	const warning = await db.transaction(async (tx) => {
		const settings = await settingsTopic.lock(tx, m0.eventId);
		if (settings.scheduling !== 'self') throw new DomainError('match_organizer_schedules', { status: 409 });
		const [m] = await tx.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId)).for('update');
		if (m.locked || !['unscheduled', 'scheduled'].includes(m.status)) throw new DomainError('match_meeting_closed', { status: 409 });
		const verdict = isUuid(slotId) ? await booking.check(tx, m, slotId, settings.walkMinutes, undefined, new Date()) : ({ ok: false, reason: 'unknown_slot' } as const);
		if (!verdict.ok && verdict.reason === 'ended') throw new DomainError('match_slot_ended', { status: 409 });
		if (!verdict.ok) return 'slot_taken' as const;
		await booking.place(tx, m, verdict.slot, verdict.table);
		return null;
	});
	return { meeting: await view(meetingId, profileId), warning };
}

/**
 * The edition's meeting slots for a participant with a profile, each with whether the person marked
 * it unavailable; so slots can be marked before the person has any meeting. No profile: none.
 */
export async function editionSlots(actor: Actor, eventId: string): Promise<(SlotView & { unavailable: boolean })[]> {
	requireUser(actor);
	if (!isUuid(eventId)) throw new DomainError('not_found');
	const me = await ownProfile(db, actor, eventId);
	if (!me) return [];
	const [slots, off] = await Promise.all([
		db
			.select({ s: matchSlots, roomName: rooms.name })
			.from(matchSlots)
			.innerJoin(rooms, eq(rooms.id, matchSlots.roomId))
			.where(eq(matchSlots.eventId, eventId))
			.orderBy(asc(matchSlots.startsAt), asc(matchSlots.position)),
		db.select({ slotId: matchUnavailability.slotId }).from(matchUnavailability).where(eq(matchUnavailability.profileId, me.id))
	]);
	const marked = new Set(off.map((r) => r.slotId));
	return slots.map((x) => ({
		id: x.s.id,
		sessionId: x.s.sessionId,
		position: x.s.position,
		roomId: x.s.roomId,
		roomName: x.roomName,
		startsAt: x.s.startsAt.toISOString(),
		endsAt: x.s.endsAt.toISOString(),
		unavailable: marked.has(x.s.id)
	}));
}

export async function myUnavailability(actor: Actor, eventId: string): Promise<string[]> {
	requireUser(actor);
	const me = await ownProfile(db, actor, eventId);
	if (!me) return [];
	const rows = await db.select({ slotId: matchUnavailability.slotId }).from(matchUnavailability).where(eq(matchUnavailability.profileId, me.id));
	return rows.map((r) => r.slotId);
}

/** Replaces the actor's unavailable slots with `slotIds` (unknown ids are ignored). */
export async function markUnavailable(actor: Actor, eventId: string, slotIds: string[]): Promise<string[]> {
	requireUser(actor);
	const me = await ownProfile(db, actor, eventId);
	if (!me) throw new DomainError('match_no_profile', { status: 409 });
	const ids = [...new Set(slotIds.filter(isUuid))];
	const known = ids.length ? await db.select({ id: matchSlots.id }).from(matchSlots).where(and(eq(matchSlots.eventId, eventId), inArray(matchSlots.id, ids))) : [];
	await db.transaction(async (tx) => {
		await tx.delete(matchUnavailability).where(eq(matchUnavailability.profileId, me.id));
		if (known.length) await tx.insert(matchUnavailability).values(known.map((s) => ({ profileId: me.id, slotId: s.id })));
	});
	return known.map((s) => s.id);
}

/**
 * Either side or organizers: a remote meeting before the week with a video link (or back to in
 * person, unscheduled, with null). Under the edition lock: a remote time clashing with either
 * person's other commitments is refused (`match_person_busy`).
 */
export async function setRemote(actor: Actor, meetingId: string, input: MatchRemoteInput | null): Promise<MeetingView> {
	requireUser(actor);
	const m0 = await loadMeeting(meetingId);
	const { profileId } = await access(actor, m0);
	const v = input ? valid(matchRemoteSchema, input) : null;
	await db.transaction(async (tx) => {
		const settings = await settingsTopic.lock(tx, m0.eventId);
		const [m] = await tx.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId)).for('update');
		if (!['unscheduled', 'scheduled'].includes(m.status)) throw new DomainError('match_meeting_closed', { status: 409 });
		if (!v) {
			if (m.remote) await booking.unplace(tx, m);
			return;
		}
		const startsAt = new Date(v.startsAt);
		const endsAt = new Date(startsAt.getTime() + v.minutes * 60_000);
		const busy = await booking.commitments(tx, [m.aProfileId, m.bProfileId], m.id);
		const iv = { startsAt: startsAt.getTime(), endsAt: endsAt.getTime(), roomId: null };
		if ([...busy.values()].some((c) => !rules.isFree(iv, c, settings.walkMinutes))) throw new DomainError('match_person_busy', { status: 409 });
		await tx.delete(matchMeetingSeats).where(eq(matchMeetingSeats.meetingId, m.id));
		const moved = m.startsAt?.getTime() !== startsAt.getTime() || m.endsAt?.getTime() !== endsAt.getTime();
		await tx
			.update(matchMeetings)
			.set({
				remote: true,
				videoUrl: v.videoUrl,
				slotId: null,
				tableId: null,
				startsAt,
				endsAt,
				status: 'scheduled',
				sequence: m.startsAt && moved ? sql`${matchMeetings.sequence} + 1` : matchMeetings.sequence,
				updatedAt: new Date()
			})
			.where(eq(matchMeetings.id, m.id));
	});
	return view(meetingId, profileId);
}

/**
 * One side scans the other's badge at the meeting time (staff and organizers may scan either).
 * The badge is verified like at the doors: signature, the edition's key, and not revoked.
 * Errors: `match_invalid_badge`, `match_wrong_person`, `match_not_meeting_time`, `match_not_scheduled`.
 */
export async function held(actor: Actor, meetingId: string, badgeCode: string, now = new Date()): Promise<HeldResult> {
	requireUser(actor);
	const m = await loadMeeting(meetingId);
	const { side, profileId } = await access(actor, m, { staff: true });
	if (m.status === 'held') return { result: 'already_held', meeting: await view(m, profileId) };
	if (m.status !== 'scheduled') throw new DomainError('match_not_scheduled', { status: 409 });
	if (!rules.isMeetingTime(m.startsAt, m.endsAt, now)) throw new DomainError('match_not_meeting_time', { status: 409 });
	const key = await badges.eventKey(db, m.eventId);
	const verdict = badges.verifyCode(badgeCode.trim(), key);
	if (!verdict.ok) throw new DomainError('match_invalid_badge', { status: 422, details: { reason: verdict.reason } });
	const [reg] = await db
		.select({ id: registrations.id, profileId: matchProfiles.id })
		.from(registrations)
		.innerJoin(badgeTable, and(eq(badgeTable.registrationId, registrations.id), eq(badgeTable.version, verdict.parsed.version), isNull(badgeTable.revokedAt)))
		.leftJoin(matchProfiles, eq(matchProfiles.registrationId, registrations.id))
		.where(and(eq(registrations.publicId, verdict.parsed.publicId), eq(registrations.eventId, m.eventId)));
	if (!reg) throw new DomainError('match_invalid_badge', { status: 422, details: { reason: 'revoked' } });
	const expected = side === 'a' ? [m.bProfileId] : side === 'b' ? [m.aProfileId] : [m.aProfileId, m.bProfileId];
	if (!reg.profileId || !expected.includes(reg.profileId)) throw new DomainError('match_wrong_person', { status: 409 });
	const [updated] = await db
		.update(matchMeetings)
		.set({ status: 'held', heldAt: now, heldBy: actor.id, noShowSide: null, updatedAt: now })
		.where(and(eq(matchMeetings.id, m.id), eq(matchMeetings.status, 'scheduled')))
		.returning({ id: matchMeetings.id });
	return { result: updated ? 'held' : 'already_held', meeting: await view(m, profileId) };
}

/** A side's own account of what happened (before the no-show is settled, or to correct it). */
export async function report(actor: Actor, meetingId: string, what: Report): Promise<MeetingView> {
	requireUser(actor);
	const m = await loadMeeting(meetingId);
	const { side, profileId } = await access(actor, m);
	if (!side) throw new DomainError('forbidden');
	if (!['held', 'other_absent', 'i_was_absent', 'cancelled'].includes(what)) throw new DomainError('invalid_input', { fields: { what: ['v_choice'] } });
	if (!['scheduled', 'no_show', 'held'].includes(m.status)) throw new DomainError('match_not_scheduled', { status: 409 });
	const set = side === 'a' ? { aReport: what } : { bReport: what };
	const [after] = await db
		.update(matchMeetings)
		.set({ ...set, updatedAt: new Date() })
		.where(eq(matchMeetings.id, m.id))
		.returning();
	// A no-show already settled is settled again with the new account.
	if (after.status === 'no_show') {
		const ns = rules.noShowSide({ a: after.aReport, b: after.bReport });
		await db
			.update(matchMeetings)
			.set(ns ? { noShowSide: ns } : { status: after.aReport === 'cancelled' || after.bReport === 'cancelled' ? 'cancelled' : 'held', noShowSide: null })
			.where(eq(matchMeetings.id, m.id));
	}
	return view(m, profileId);
}

/** One tap after the meeting: stars and whether a follow-up is wanted (changeable). */
export async function rate(actor: Actor, meetingId: string, input: MatchRateInput): Promise<MeetingView> {
	requireUser(actor);
	const v = valid(matchRateSchema, input);
	const m = await loadMeeting(meetingId);
	const { side, profileId } = await access(actor, m);
	if (!side || !profileId) throw new DomainError('forbidden');
	if (!(m.status === 'held' || (m.status === 'scheduled' && rules.isOver(m.endsAt, new Date())))) throw new DomainError('match_not_held', { status: 409 });
	await db
		.insert(matchRatings)
		.values({ meetingId: m.id, profileId, stars: v.stars, followUp: v.followUp })
		.onConflictDoUpdate({ target: [matchRatings.meetingId, matchRatings.profileId], set: { stars: v.stars, followUp: v.followUp } });
	return view(m, profileId);
}

/** The follow-up question months later: talks started, agreement, company founded in the zone, none. */
export async function answerOutcome(actor: Actor, meetingId: string, outcome: Outcome): Promise<MeetingView> {
	requireUser(actor);
	if (!['talks', 'agreement', 'company_founded', 'none'].includes(outcome)) throw new DomainError('invalid_input', { fields: { outcome: ['v_choice'] } });
	const m = await loadMeeting(meetingId);
	const { side, profileId } = await access(actor, m);
	if (!side || !profileId) throw new DomainError('forbidden');
	if (m.status !== 'held') throw new DomainError('match_not_held', { status: 409 });
	const now = new Date();
	await db
		.insert(matchOutcomes)
		.values({ meetingId: m.id, profileId, outcome, askedAt: now, answeredAt: now })
		.onConflictDoUpdate({ target: [matchOutcomes.meetingId, matchOutcomes.profileId], set: { outcome, answeredAt: now } });
	await record(actor, 'match.outcome', { eventId: m.eventId, targetType: 'match_meeting', targetId: m.id, data: { outcome } });
	return view(m, profileId);
}

/**
 * Scheduled meetings whose time ended more than `graceMinutes` ago without a scan are settled
 * from both accounts: a no-show for the side that did not come (rules.noShowSide), held when a
 * side says so and nobody reports an absence, cancelled when a side says it was.
 */
export async function settleNoShows(now = new Date(), graceMinutes = 120): Promise<number> {
	const due = await db
		.select()
		.from(matchMeetings)
		.where(and(eq(matchMeetings.status, 'scheduled'), lte(matchMeetings.endsAt, new Date(now.getTime() - graceMinutes * 60_000))))
		.limit(5000);
	for (const m of due) {
		const ns = rules.noShowSide({ a: m.aReport, b: m.bReport });
		const status = ns ? 'no_show' : m.aReport === 'cancelled' || m.bReport === 'cancelled' ? 'cancelled' : 'held';
		await db
			.update(matchMeetings)
			.set({ status, noShowSide: ns, heldAt: status === 'held' ? m.endsAt : null, updatedAt: now })
			.where(and(eq(matchMeetings.id, m.id), eq(matchMeetings.status, 'scheduled')));
	}
	return due.length;
}

/**
 * The follow-up question "some months later": for each held meeting someone rated, once the
 * edition's `followUpDays` have passed since it was held, each side not yet asked gets one mail
 * (match_mail_outcome_*) and an outcome row marking it asked (the page then shows the question).
 * Returns the number of mails written. Run by the sweep.
 */
export async function askOutcomes(now = new Date()): Promise<number> {
	const at = now.toISOString();
	const due = await db
		.select({ id: matchMeetings.id, a: matchMeetings.aProfileId, b: matchMeetings.bProfileId })
		.from(matchMeetings)
		.innerJoin(matchSettings, eq(matchSettings.eventId, matchMeetings.eventId))
		.where(
			and(
				eq(matchMeetings.status, 'held'),
				sql`coalesce(${matchMeetings.heldAt}, ${matchMeetings.endsAt}) <= ${at}::timestamptz - make_interval(days => ${matchSettings.followUpDays})`,
				sql`exists (select 1 from ${matchRatings} where ${matchRatings.meetingId} = ${matchMeetings.id})`,
				sql`(select count(*) from ${matchOutcomes} where ${matchOutcomes.meetingId} = ${matchMeetings.id}) < 2`
			)
		)
		.limit(1000);
	let mails = 0;
	for (const m of due) {
		for (const [me, other] of [[m.a, m.b], [m.b, m.a]]) {
			mails += await db.transaction(async (tx) => {
				const [asked] = await tx.insert(matchOutcomes).values({ meetingId: m.id, profileId: me, askedAt: now }).onConflictDoNothing().returning({ meetingId: matchOutcomes.meetingId });
				if (!asked) return 0;
				await notify(tx, 'outcome', me, other);
				return 1;
			});
		}
	}
	return mails;
}

/** Sessions configured for matchmaking exist (used by pages to hide slot pickers). */
export async function hasSlots(eventId: string): Promise<boolean> {
	const [r] = await db.select({ id: matchSessions.sessionId }).from(matchSessions).where(eq(matchSessions.eventId, eventId)).limit(1);
	return !!r;
}
