/**
 * Requests: caps per kind (checked with the sender's profile row locked, so parallel requests
 * never pass a cap), expiry (applied on read and by a sweep), brokered proposals needing both
 * sides, and accepting, which creates the meeting and in `self` mode books the chosen slot.
 */
import { and, count, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { projects } from '../partners/tables';
import { registrations } from '../registrations/tables';
import { DomainError } from '../errors';
import { record } from '../audit';
import { log } from '../log';
import { matchBrokerSchema, matchRequestSchema, type MatchBrokerInput, type MatchRequestInput } from '$lib/schemas/matchmaking';
import { matchMeetings, matchOpenings, matchProfileProjects, matchProfiles, matchRequests } from './tables';
import * as rules from './rules';
import * as settingsTopic from './settings';
import * as booking from './booking';
import { notify } from './notify';
import { contactsOf, LIVE_MEETING, openingView, ownProfile, profileViews, requireOwnProfile, valid, type ProfileRow } from './shape';
import { meetingViews } from './meeting-views';
import type { RequestView, RespondResult } from './views';

type RequestRow = typeof matchRequests.$inferSelect;
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Live meetings of a profile (they count against the meeting cap). */
export async function liveMeetingCount(ex: Executor, profileId: string): Promise<number> {
	const [r] = await ex
		.select({ n: count() })
		.from(matchMeetings)
		.where(and(inArray(matchMeetings.status, [...LIVE_MEETING]), or(eq(matchMeetings.aProfileId, profileId), eq(matchMeetings.bProfileId, profileId))));
	return r.n;
}

/** Views of request rows for a viewer (their profile id, or null for organizers and brokers). */
export async function requestViews(ex: Executor, rows: RequestRow[], viewer: string | null, now = new Date()): Promise<RequestView[]> {
	if (!rows.length) return [];
	const ids = [...new Set(rows.flatMap((r) => [r.fromProfileId, r.toProfileId]))];
	const contact = await contactsOf(ex, viewer, ids);
	if (viewer) contact.add(viewer);
	const views = new Map((await profileViews(ex, ids, contact)).map((v) => [v.id, v]));
	const openingIds = rows.map((r) => r.openingId).filter((x): x is string => !!x);
	const projectIds = rows.map((r) => r.projectId).filter((x): x is string => !!x);
	const [openings, projs, meetings] = await Promise.all([
		openingIds.length ? ex.select().from(matchOpenings).where(inArray(matchOpenings.id, openingIds)) : [],
		projectIds.length ? ex.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, projectIds)) : [],
		ex
			.select({ id: matchMeetings.id, requestId: matchMeetings.requestId })
			.from(matchMeetings)
			.where(
				inArray(
					matchMeetings.requestId,
					rows.map((r) => r.id)
				)
			)
	]);
	return rows.flatMap((r) => {
		const from = views.get(r.fromProfileId);
		const to = views.get(r.toProfileId);
		if (!from || !to) return [];
		const status = rules.effectiveStatus(r.status, r.expiresAt, now);
		const awaitingMe = status === 'pending' && ((viewer === r.toProfileId && !r.toAccepted) || (viewer === r.fromProfileId && !r.fromAccepted));
		const direction = viewer === r.toProfileId || (viewer === r.fromProfileId && r.brokeredBy && !r.fromAccepted) ? 'incoming' : viewer === r.fromProfileId ? 'outgoing' : 'brokered';
		const o = openings.find((x) => x.id === r.openingId);
		return [
			{
				id: r.id,
				status,
				direction,
				from,
				to,
				message: r.message,
				opening: o ? openingView(o) : null,
				project: projs.find((p) => p.id === r.projectId) ?? null,
				brokered: !!r.brokeredBy,
				fromAccepted: r.fromAccepted,
				toAccepted: r.toAccepted,
				awaitingMe,
				expiresAt: r.expiresAt.toISOString(),
				decidedAt: r.decidedAt?.toISOString() ?? null,
				createdAt: r.createdAt.toISOString(),
				meetingId: meetings.find((m) => m.requestId === r.id)?.id ?? null
			} satisfies RequestView
		];
	});
}

/** Expired-but-unswept pending requests between two people are written expired (frees the pair's unique key). */
async function expirePair(ex: Executor, a: string, b: string) {
	await ex
		.update(matchRequests)
		.set({ status: 'expired', decidedAt: new Date() })
		.where(
			and(
				eq(matchRequests.status, 'pending'),
				lte(matchRequests.expiresAt, new Date()),
				or(and(eq(matchRequests.fromProfileId, a), eq(matchRequests.toProfileId, b)), and(eq(matchRequests.fromProfileId, b), eq(matchRequests.toProfileId, a)))
			)
		);
}

async function pairState(ex: Executor, a: string, b: string) {
	const pair = or(and(eq(matchRequests.fromProfileId, a), eq(matchRequests.toProfileId, b)), and(eq(matchRequests.fromProfileId, b), eq(matchRequests.toProfileId, a)));
	const [pending] = await ex.select({ n: count() }).from(matchRequests).where(and(pair, eq(matchRequests.status, 'pending'), gt(matchRequests.expiresAt, new Date())));
	const [meeting] = await ex
		.select({ n: count() })
		.from(matchMeetings)
		.where(
			and(
				inArray(matchMeetings.status, [...LIVE_MEETING]),
				or(and(eq(matchMeetings.aProfileId, a), eq(matchMeetings.bProfileId, b)), and(eq(matchMeetings.aProfileId, b), eq(matchMeetings.bProfileId, a)))
			)
		);
	if (meeting.n > 0) throw new DomainError('match_already_meeting', { status: 409 });
	if (pending.n > 0) throw new DomainError('match_already_requested', { status: 409 });
}

/**
 * Errors: `match_no_profile`, `not_found` (target unknown or unlisted), `match_self_request`,
 * `match_request_cap` (open requests), `match_meeting_cap`, `match_already_requested`, `match_already_meeting`.
 */
export async function request(actor: Actor, eventId: string, input: MatchRequestInput): Promise<RequestView> {
	requireUser(actor);
	const v = valid(matchRequestSchema, input);
	const me = await requireOwnProfile(db, actor, eventId);
	if (v.toProfileId === me.id) throw new DomainError('match_self_request', { status: 409 });
	const [target] = await db.select().from(matchProfiles).where(and(eq(matchProfiles.id, v.toProfileId), eq(matchProfiles.eventId, eventId)));
	if (!target || !target.listed) throw new DomainError('not_found');
	if (v.openingId) {
		const [o] = await db.select({ id: matchOpenings.id }).from(matchOpenings).where(and(eq(matchOpenings.id, v.openingId), eq(matchOpenings.profileId, target.id)));
		if (!o) throw new DomainError('invalid_input', { fields: { openingId: ['v_choice'] } });
	}
	if (v.projectId) {
		const [p] = await db
			.select({ id: matchProfileProjects.projectId })
			.from(matchProfileProjects)
			.where(and(eq(matchProfileProjects.projectId, v.projectId), eq(matchProfileProjects.profileId, me.id)));
		if (!p) throw new DomainError('invalid_input', { fields: { projectId: ['v_choice'] } });
	}
	const settings = await settingsTopic.load(db, eventId);
	const row = await db.transaction(async (tx) => {
		// The sender's row lock serialises their requests: 30 at once still meet the cap exactly.
		await tx.select({ id: matchProfiles.id }).from(matchProfiles).where(eq(matchProfiles.id, me.id)).for('update');
		const [open] = await tx
			.select({ n: count() })
			.from(matchRequests)
			.where(and(eq(matchRequests.fromProfileId, me.id), eq(matchRequests.status, 'pending'), isNull(matchRequests.brokeredBy), gt(matchRequests.expiresAt, new Date())));
		const capError = rules.requestCapError(settings.caps, me.kind, { open: open.n, meetings: await liveMeetingCount(tx, me.id) });
		if (capError) throw new DomainError(`match_${capError}`, { status: 409 });
		await expirePair(tx, me.id, target.id);
		await pairState(tx, me.id, target.id);
		const now = new Date();
		const [r] = await tx
			.insert(matchRequests)
			.values({
				eventId,
				fromProfileId: me.id,
				toProfileId: target.id,
				message: v.message,
				openingId: v.openingId ?? null,
				projectId: v.projectId ?? null,
				fromAccepted: true,
				toAccepted: false,
				expiresAt: rules.expiresAt(now, settings.requestTtlHours),
				createdAt: now
			})
			.returning();
		await notify(tx, 'request', target.id, me.id, { message: v.message });
		return r;
	});
	const [view] = await requestViews(db, [row], me.id);
	return view;
}

/** Which side of a request the actor is on. */
function sideOf(r: RequestRow, me: ProfileRow | null): 'from' | 'to' | null {
	if (!me) return null;
	if (me.id === r.toProfileId) return 'to';
	if (me.id === r.fromProfileId) return 'from';
	return null;
}

/**
 * The recipient (or either side of a brokered proposal) accepts or declines. Accepting in `self`
 * mode with a slot books it under the edition lock; a slot no longer free gives
 * `warning: 'slot_taken'` and the meeting is accepted unscheduled (never double-booked).
 * Errors: `match_request_closed`, `match_request_expired`, `match_meeting_cap`, `match_slot_ended`.
 */
export async function respond(actor: Actor, requestId: string, answer: 'accept' | 'decline', opts: { slotId?: string } = {}): Promise<RespondResult> {
	requireUser(actor);
	if (!isUuid(requestId)) throw new DomainError('not_found');
	const [r0] = await db.select().from(matchRequests).where(eq(matchRequests.id, requestId));
	if (!r0) throw new DomainError('not_found');
	const me = await ownProfile(db, actor, r0.eventId);
	const side = sideOf(r0, me);
	if (!side || (side === 'from' && !r0.brokeredBy)) throw new DomainError(side ? 'forbidden' : 'not_found');
	const out = await db.transaction(async (tx) => {
		// Lock order everywhere: the edition, then the request.
		const settings = await settingsTopic.lock(tx, r0.eventId);
		const [r] = await tx.select().from(matchRequests).where(eq(matchRequests.id, requestId)).for('update');
		const now = new Date();
		if (rules.effectiveStatus(r.status, r.expiresAt, now) === 'expired') {
			if (r.status === 'pending') await tx.update(matchRequests).set({ status: 'expired', decidedAt: now }).where(eq(matchRequests.id, r.id));
			return { expired: true as const };
		}
		if (r.status !== 'pending' || (side === 'to' ? r.toAccepted : r.fromAccepted)) throw new DomainError('match_request_closed', { status: 409 });
		if (answer === 'decline') {
			await tx.update(matchRequests).set({ status: 'declined', decidedAt: now }).where(eq(matchRequests.id, r.id));
			return { meetingId: null, warning: null };
		}
		const fromAccepted = side === 'from' ? true : r.fromAccepted;
		const toAccepted = side === 'to' ? true : r.toAccepted;
		if (!fromAccepted || !toAccepted) {
			await tx.update(matchRequests).set({ fromAccepted, toAccepted }).where(eq(matchRequests.id, r.id));
			return { meetingId: null, warning: null };
		}
		const [from, to] = await Promise.all([tx.select().from(matchProfiles).where(eq(matchProfiles.id, r.fromProfileId)), tx.select().from(matchProfiles).where(eq(matchProfiles.id, r.toProfileId))]);
		for (const p of [from[0], to[0]]) {
			if (rules.meetingCapError(settings.caps, p.kind, await liveMeetingCount(tx, p.id))) throw new DomainError('match_meeting_cap', { status: 409, details: { profileId: p.id } });
		}
		await tx.update(matchRequests).set({ status: 'accepted', fromAccepted, toAccepted, decidedAt: now }).where(eq(matchRequests.id, r.id));
		const [m] = await tx.insert(matchMeetings).values({ eventId: r.eventId, requestId: r.id, aProfileId: r.fromProfileId, bProfileId: r.toProfileId }).returning();
		let warning: 'slot_taken' | null = null;
		if (opts.slotId && settings.scheduling === 'self') {
			const verdict = isUuid(opts.slotId) ? await booking.check(tx, m, opts.slotId, settings.walkMinutes, undefined, now) : ({ ok: false, reason: 'unknown_slot' } as const);
			// An ended slot is refused outright (the whole answer is rolled back), not a warning.
			if (!verdict.ok && verdict.reason === 'ended') throw new DomainError('match_slot_ended', { status: 409 });
			if (verdict.ok) await booking.place(tx, m, verdict.slot, verdict.table);
			else warning = 'slot_taken';
		}
		const other = side === 'to' ? r.fromProfileId : r.toProfileId;
		await notify(tx, 'accepted', other, me!.id);
		return { meetingId: m.id, warning };
	});
	if ('expired' in out) throw new DomainError('match_request_expired', { status: 409 });
	const [r] = await db.select().from(matchRequests).where(eq(matchRequests.id, requestId));
	const [request] = await requestViews(db, [r], me!.id);
	const meeting = out.meetingId ? (await meetingViews(db, [out.meetingId], { profileId: me!.id }))[0] : null;
	return { request, meeting, warning: out.warning };
}

/** The sender (or the broker, or an organizer for a brokered one) withdraws a pending request. */
export async function withdraw(actor: Actor, requestId: string): Promise<RequestView> {
	requireUser(actor);
	if (!isUuid(requestId)) throw new DomainError('not_found');
	const [r0] = await db.select().from(matchRequests).where(eq(matchRequests.id, requestId));
	if (!r0) throw new DomainError('not_found');
	const me = await ownProfile(db, actor, r0.eventId);
	const mayWithdraw = r0.brokeredBy ? r0.brokeredBy === actor.id || isOrganizer(actor) : me?.id === r0.fromProfileId;
	if (!mayWithdraw) throw new DomainError(me && sideOf(r0, me) ? 'forbidden' : 'not_found');
	const [r] = await db
		.update(matchRequests)
		.set({ status: 'withdrawn', decidedAt: new Date() })
		.where(and(eq(matchRequests.id, requestId), eq(matchRequests.status, 'pending')))
		.returning();
	if (!r) throw new DomainError('match_request_closed', { status: 409 });
	const [view] = await requestViews(db, [r], me?.id ?? null);
	return view;
}

/** Organizers, and partner representatives for their own delegates (one side at least): both must accept. */
export async function broker(actor: Actor, eventId: string, input: MatchBrokerInput): Promise<RequestView> {
	requireUser(actor);
	if (!isOrganizer(actor) && actor.role !== 'partner') throw new DomainError('forbidden');
	const v = valid(matchBrokerSchema, input);
	if (v.aProfileId === v.bProfileId) throw new DomainError('match_self_request', { status: 409 });
	const ps = await db
		.select({ id: matchProfiles.id, partnerId: registrations.partnerId })
		.from(matchProfiles)
		.innerJoin(registrations, eq(registrations.id, matchProfiles.registrationId))
		.where(and(eq(matchProfiles.eventId, eventId), inArray(matchProfiles.id, [v.aProfileId, v.bProfileId])));
	if (ps.length !== 2) throw new DomainError('not_found');
	if (!isOrganizer(actor) && !ps.some((p) => p.partnerId && p.partnerId === actor.partnerId)) throw new DomainError('forbidden');
	const settings = await settingsTopic.load(db, eventId);
	const row = await db.transaction(async (tx) => {
		await expirePair(tx, v.aProfileId, v.bProfileId);
		await pairState(tx, v.aProfileId, v.bProfileId);
		const now = new Date();
		const [r] = await tx
			.insert(matchRequests)
			.values({
				eventId,
				fromProfileId: v.aProfileId,
				toProfileId: v.bProfileId,
				message: v.message,
				brokeredBy: actor.id,
				brokerPartnerId: isOrganizer(actor) ? null : actor.partnerId,
				fromAccepted: false,
				toAccepted: false,
				expiresAt: rules.expiresAt(now, settings.requestTtlHours),
				createdAt: now
			})
			.returning();
		await notify(tx, 'brokered', v.aProfileId, v.bProfileId, { message: v.message });
		await notify(tx, 'brokered', v.bProfileId, v.aProfileId, { message: v.message });
		await record(actor, 'match.broker', { eventId, targetType: 'match_request', targetId: r.id }, tx);
		return r;
	});
	const [view] = await requestViews(db, [row], null);
	return view;
}

/** The actor's requests: incoming (sent to them, and brokered proposals awaiting them) and outgoing. */
export async function myRequests(actor: Actor, eventId: string): Promise<{ incoming: RequestView[]; outgoing: RequestView[] }> {
	requireUser(actor);
	const me = await ownProfile(db, actor, eventId);
	if (!me) return { incoming: [], outgoing: [] };
	const rows = await db
		.select()
		.from(matchRequests)
		.where(or(eq(matchRequests.fromProfileId, me.id), eq(matchRequests.toProfileId, me.id)))
		.orderBy(desc(matchRequests.createdAt))
		.limit(500);
	const views = await requestViews(db, rows, me.id);
	return { incoming: views.filter((v) => v.direction === 'incoming'), outgoing: views.filter((v) => v.direction === 'outgoing') };
}

/** Organizers: all brokered proposals of the edition; partner reps: their own. */
export async function brokeredRequests(actor: Actor, eventId: string): Promise<RequestView[]> {
	requireUser(actor);
	if (!isOrganizer(actor) && actor.role !== 'partner') throw new DomainError('forbidden');
	const scope = isOrganizer(actor) ? sql`${matchRequests.brokeredBy} is not null` : eq(matchRequests.brokerPartnerId, actor.partnerId ?? '00000000-0000-0000-0000-000000000000');
	const rows = await db
		.select()
		.from(matchRequests)
		.where(and(eq(matchRequests.eventId, eventId), scope))
		.orderBy(desc(matchRequests.createdAt))
		.limit(1000);
	return requestViews(db, rows, null);
}

/** Marks pending requests past their time expired; returns how many. */
export async function sweepExpired(now = new Date()): Promise<number> {
	const rows = await db
		.update(matchRequests)
		.set({ status: 'expired', decidedAt: now })
		.where(and(eq(matchRequests.status, 'pending'), lte(matchRequests.expiresAt, now)))
		.returning({ id: matchRequests.id });
	return rows.length;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Start-up: expires requests, settles no-shows and asks the follow-up question every `intervalMs`. */
export function startSweep(intervalMs = 10 * 60_000): void {
	if (timer) return;
	const run = async () => {
		try {
			const { settleNoShows, askOutcomes } = await import('./meetings');
			const expired = await sweepExpired();
			const noShows = await settleNoShows();
			const outcomeMails = await askOutcomes();
			if (expired || noShows || outcomeMails) log.info({ msg: 'matchmaking sweep', expired, noShows, outcomeMails });
		} catch (e) {
			log.warn({ msg: 'matchmaking sweep failed', err: e instanceof Error ? e.message : String(e) });
		}
	};
	timer = setInterval(run, intervalMs);
	timer.unref?.();
}

export function stopSweep(): void {
	if (timer) clearInterval(timer);
	timer = undefined;
}
