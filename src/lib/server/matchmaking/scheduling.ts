/**
 * Organizer scheduling: "schedule all" with the solver (scheduler/), placing and locking single
 * meetings, and publishing. Every write here holds the edition lock, and every placement the
 * solver proposes is checked again against the database's own view before it is written.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { requireArea, type Actor } from '../auth/access';
import { events } from '../events/tables';
import { rooms } from '../schedule/tables';
import { users } from '../auth/tables';
import { DomainError } from '../errors';
import { record } from '../audit';
import { t } from '$lib/i18n/errors';
import { pick } from '$lib/i18n/text';
import { matchMeetingSeats, matchMeetings, matchProfiles, matchScheduleRuns, matchSettings, matchSlots, matchTables, matchUnavailability } from './tables';
import { scheduleMeetings, type SchedulerInput, type SchedulerResult } from './scheduler';
import * as rules from './rules';
import * as settingsTopic from './settings';
import * as booking from './booking';
import { meetingViews } from './meeting-views';
import { scheduleMail, displayName } from './notify';
import type { MeetingView, ScheduleRunView } from './views';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

type RunRow = typeof matchScheduleRuns.$inferSelect;
function runView(r: RunRow, unplaced: ScheduleRunView['unplacedMeetings'] = []): ScheduleRunView {
	return {
		id: r.id,
		solver: r.solver,
		placed: r.placed,
		unplaced: r.unplaced,
		bound: r.bound,
		optimal: r.optimal,
		idleGaps: r.idleGaps,
		ms: r.ms,
		published: r.published,
		createdAt: r.createdAt.toISOString(),
		unplacedMeetings: unplaced
	};
}

/**
 * The scheduler's input from the edition's rows. Tables belong to a session, so each session is
 * given to the solver as its own "room" (two sessions in one room then also keep the walk between
 * them, which is only stricter). Remote meetings are busy times.
 */
export async function schedulerInput(tx: Tx, eventId: string, walkMinutes: number) {
	const [slots, tables, meetings, unavailable] = await Promise.all([
		tx.select().from(matchSlots).where(eq(matchSlots.eventId, eventId)),
		tx.select().from(matchTables).where(eq(matchTables.eventId, eventId)),
		tx
			.select()
			.from(matchMeetings)
			.where(and(eq(matchMeetings.eventId, eventId), inArray(matchMeetings.status, ['unscheduled', 'scheduled']))),
		tx
			.select({ profileId: matchUnavailability.profileId, slotId: matchUnavailability.slotId })
			.from(matchUnavailability)
			.innerJoin(matchSlots, eq(matchSlots.id, matchUnavailability.slotId))
			.where(eq(matchSlots.eventId, eventId))
	]);
	const held = await tx
		.select()
		.from(matchMeetings)
		.where(and(eq(matchMeetings.eventId, eventId), eq(matchMeetings.status, 'held')));
	const inPerson = meetings.filter((m) => !m.remote);
	const busy = [...meetings.filter((m) => m.remote && m.startsAt && m.endsAt), ...held.filter((m) => m.startsAt && m.endsAt)].flatMap((m) => [
		{ profileId: m.aProfileId, startsAt: m.startsAt!.getTime(), endsAt: m.endsAt!.getTime() },
		{ profileId: m.bProfileId, startsAt: m.startsAt!.getTime(), endsAt: m.endsAt!.getTime() }
	]);
	const input: SchedulerInput = {
		slots: slots.map((s) => ({ id: s.id, roomId: s.sessionId, sessionId: s.sessionId, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() })),
		tables: tables.map((x) => ({ id: x.id, roomId: x.sessionId, fixedProfileId: x.fixedProfileId })),
		meetings: inPerson.map((m) => {
			const at = m.slotId && m.tableId ? { slotId: m.slotId, tableId: m.tableId } : null;
			// A meeting that has a time keeps it (chosen by its two people, placed by hand or by an earlier run):
			// people are never moved behind their backs. To move one, an organizer removes it from its slot first.
			return { id: m.id, a: m.aProfileId, b: m.bProfileId, locked: at, current: at };
		}),
		unavailable,
		busy,
		walkMinutes
	};
	return { input, slots, tables, meetings: inPerson, busyRows: busy };
}

/**
 * The database's own check of a whole placement: a table once per slot, a table in its slot's
 * session, fixed tables for their holders only, nobody in two clashing commitments. Returns the
 * meetings whose placement breaks one (kept out, reported as conflicts).
 */
export function invalidPlacements(
	placements: SchedulerResult['placements'],
	ctx: { slots: (typeof matchSlots.$inferSelect)[]; tables: (typeof matchTables.$inferSelect)[]; meetings: { id: string; aProfileId: string; bProfileId: string }[]; busy: { profileId: string; startsAt: number; endsAt: number }[]; unavailable: { profileId: string; slotId: string }[]; walkMinutes: number }
): Set<string> {
	const slot = new Map(ctx.slots.map((s) => [s.id, s]));
	const table = new Map(ctx.tables.map((x) => [x.id, x]));
	const meeting = new Map(ctx.meetings.map((m) => [m.id, m]));
	const off = new Set(ctx.unavailable.map((u) => `${u.profileId} ${u.slotId}`));
	const bad = new Set<string>();
	const seatAt = new Set<string>();
	const byPerson = new Map<string, { id: string; iv: rules.Interval }[]>();
	for (const b of ctx.busy) {
		const list = byPerson.get(b.profileId) ?? [];
		list.push({ id: '', iv: { startsAt: b.startsAt, endsAt: b.endsAt, roomId: null } });
		byPerson.set(b.profileId, list);
	}
	for (const p of placements) {
		const s = slot.get(p.slotId);
		const tb = table.get(p.tableId);
		const m = meeting.get(p.meetingId);
		if (!s || !tb || !m || tb.sessionId !== s.sessionId || seatAt.has(`${p.slotId} ${p.tableId}`)) {
			bad.add(p.meetingId);
			continue;
		}
		if (tb.fixedProfileId && tb.fixedProfileId !== m.aProfileId && tb.fixedProfileId !== m.bProfileId) {
			bad.add(p.meetingId);
			continue;
		}
		const iv = { startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), roomId: s.roomId };
		const clashes = [m.aProfileId, m.bProfileId].some((person) => off.has(`${person} ${s.id}`) || (byPerson.get(person) ?? []).some((c) => rules.clash(iv, c.iv, ctx.walkMinutes)));
		if (clashes) {
			bad.add(p.meetingId);
			continue;
		}
		seatAt.add(`${p.slotId} ${p.tableId}`);
		for (const person of [m.aProfileId, m.bProfileId]) {
			const list = byPerson.get(person) ?? [];
			list.push({ id: m.id, iv });
			byPerson.set(person, list);
		}
	}
	return bad;
}

/** Organizers: places accepted meetings without a time with the scheduler, under the edition lock; meetings with a time stay. */
export async function scheduleAll(actor: Actor, eventId: string, opts: { timeLimitMs?: number } = {}): Promise<ScheduleRunView> {
	requireArea(actor, 'organizer');
	return db.transaction(async (tx) => {
		const settings = await settingsTopic.lock(tx, eventId);
		const ctx = await schedulerInput(tx, eventId, settings.walkMinutes);
		const result: SchedulerResult = ctx.input.meetings.length
			? await scheduleMeetings({ ...ctx.input, timeLimitMs: opts.timeLimitMs ?? 8000 })
			: { placements: [], unplaced: [], bound: 0, solver: 'greedy', optimal: true, idleGaps: 0, ms: 0 };
		// Meetings with a time keep it (locked or not, see schedulerInput) and are checked first, so a faulty
		// proposal can never push one aside; only meetings without a time are placed.
		const keptIds = new Set(ctx.meetings.filter((m) => m.slotId && m.tableId).map((m) => m.id));
		const ordered = [...result.placements.filter((p) => keptIds.has(p.meetingId)), ...result.placements.filter((p) => !keptIds.has(p.meetingId))];
		const bad = invalidPlacements(ordered, { slots: ctx.slots, tables: ctx.tables, meetings: ctx.meetings, busy: ctx.busyRows, unavailable: ctx.input.unavailable, walkMinutes: settings.walkMinutes });
		const good = ordered.filter((p) => !bad.has(p.meetingId) && !keptIds.has(p.meetingId));
		const placedIds = new Set(good.map((p) => p.meetingId));
		const movable = ctx.meetings.filter((m) => !keptIds.has(m.id));
		const ids = movable.map((m) => m.id);
		if (ids.length) {
			// Clear first, then set (a meeting with a slot but no table is placed afresh).
			await tx.delete(matchMeetingSeats).where(inArray(matchMeetingSeats.meetingId, ids));
			await tx.update(matchMeetings).set({ slotId: null, tableId: null, startsAt: null, endsAt: null, status: 'unscheduled' }).where(inArray(matchMeetings.id, ids));
			for (let i = 0; i < good.length; i += 500) {
				const chunk = good.slice(i, i + 500);
				const values = sql.join(
					chunk.map((p) => sql`(${p.meetingId}::uuid, ${p.slotId}::uuid, ${p.tableId}::uuid)`),
					sql`, `
				);
				await tx.execute(sql`
					update match_meetings m set slot_id = v.slot_id, table_id = v.table_id, starts_at = s.starts_at, ends_at = s.ends_at, status = 'scheduled', updated_at = now()
					from (values ${values}) as v(id, slot_id, table_id) join match_slots s on s.id = v.slot_id
					where m.id = v.id`);
				await tx.insert(matchMeetingSeats).values(
					chunk.flatMap((p) => {
						const m = movable.find((x) => x.id === p.meetingId)!;
						return [
							{ meetingId: p.meetingId, profileId: m.aProfileId, slotId: p.slotId },
							{ meetingId: p.meetingId, profileId: m.bProfileId, slotId: p.slotId }
						];
					})
				);
			}
			// SEQUENCE goes up for every meeting that had a time and now has another (or none).
			const placedAt = new Map(good.map((p) => [p.meetingId, p]));
			const moved = movable.filter((m) => {
				const p = placedAt.get(m.id);
				return m.startsAt && (!p || p.slotId !== m.slotId || p.tableId !== m.tableId);
			});
			for (let i = 0; i < moved.length; i += 1000)
				await tx
					.update(matchMeetings)
					.set({ sequence: sql`${matchMeetings.sequence} + 1` })
					.where(
						inArray(
							matchMeetings.id,
							moved.slice(i, i + 1000).map((m) => m.id)
						)
					);
		}
		const unplaced = [
			...result.unplaced.filter((u) => !placedIds.has(u.meetingId) && !keptIds.has(u.meetingId)),
			...[...bad].filter((id) => !keptIds.has(id)).map((meetingId) => ({ meetingId, reason: 'conflict' as const }))
		];
		const [run] = await tx
			.insert(matchScheduleRuns)
			.values({
				eventId,
				by: actor.id,
				solver: result.solver,
				placed: good.length + keptIds.size,
				unplaced: unplaced.length,
				bound: Math.round(result.bound),
				optimal: result.optimal && bad.size === 0,
				idleGaps: result.idleGaps,
				ms: Math.round(result.ms)
			})
			.returning();
		await record(actor, 'match.schedule', { eventId, data: { placed: run.placed, unplaced: run.unplaced, bound: run.bound, solver: run.solver } }, tx);
		return runView(run, unplaced);
	});
}

/**
 * Organizers: puts a meeting at a slot and table. A taken table or a busy person gives a warning
 * and changes nothing; `force` moves the meeting holding the table out (unscheduled). A person is
 * never double-booked, forced or not.
 */
export async function placeMeeting(actor: Actor, meetingId: string, slotId: string, tableId: string, opts: { force?: boolean } = {}): Promise<{ meeting: MeetingView; warning: 'slot_taken' | 'person_busy' | null }> {
	requireArea(actor, 'organizer');
	if (!isUuid(meetingId) || !isUuid(slotId) || !isUuid(tableId)) throw new DomainError('not_found');
	const [m0] = await db.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId));
	if (!m0) throw new DomainError('not_found');
	const warning = await db.transaction(async (tx) => {
		const settings = await settingsTopic.lock(tx, m0.eventId);
		const [m] = await tx.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId)).for('update');
		if (!['unscheduled', 'scheduled'].includes(m.status)) throw new DomainError('match_meeting_closed', { status: 409 });
		let verdict = await booking.check(tx, m, slotId, settings.walkMinutes, tableId);
		if (!verdict.ok && verdict.reason === 'table_taken' && opts.force) {
			const [holder] = await tx
				.select()
				.from(matchMeetings)
				.where(and(eq(matchMeetings.slotId, slotId), eq(matchMeetings.tableId, tableId), ne(matchMeetings.status, 'cancelled')));
			if (holder && !holder.locked && holder.status === 'scheduled') await booking.unplace(tx, holder);
			verdict = await booking.check(tx, m, slotId, settings.walkMinutes, tableId);
		}
		if (!verdict.ok) {
			if (verdict.reason === 'unknown_slot' || verdict.reason === 'no_table') throw new DomainError('not_found');
			return verdict.reason === 'table_taken' ? ('slot_taken' as const) : ('person_busy' as const);
		}
		await booking.place(tx, m, verdict.slot, verdict.table);
		await record(actor, 'match.place', { eventId: m.eventId, targetType: 'match_meeting', targetId: m.id, data: { slotId, tableId } }, tx);
		return null;
	});
	const [meeting] = await meetingViews(db, [meetingId], { profileId: null });
	return { meeting, warning };
}

export async function unplaceMeeting(actor: Actor, meetingId: string): Promise<MeetingView> {
	requireArea(actor, 'organizer');
	if (!isUuid(meetingId)) throw new DomainError('not_found');
	const [m0] = await db.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId));
	if (!m0) throw new DomainError('not_found');
	await db.transaction(async (tx) => {
		await settingsTopic.lock(tx, m0.eventId);
		const [m] = await tx.select().from(matchMeetings).where(eq(matchMeetings.id, meetingId)).for('update');
		if (m.status !== 'scheduled') throw new DomainError('match_meeting_closed', { status: 409 });
		await booking.unplace(tx, m);
		await tx.update(matchMeetings).set({ locked: false }).where(eq(matchMeetings.id, meetingId));
	});
	const [v] = await meetingViews(db, [meetingId], { profileId: null });
	return v;
}

/** Organizers: a locked meeting is never moved by the scheduler. */
export async function lockMeeting(actor: Actor, meetingId: string, locked: boolean): Promise<MeetingView> {
	requireArea(actor, 'organizer');
	if (!isUuid(meetingId)) throw new DomainError('not_found');
	const [m] = await db.update(matchMeetings).set({ locked, updatedAt: new Date() }).where(eq(matchMeetings.id, meetingId)).returning();
	if (!m) throw new DomainError('not_found');
	const [v] = await meetingViews(db, [meetingId], { profileId: null });
	return v;
}

function when(d: Date, zone: string, locale: 'zh-CN' | 'en') {
	return new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** Organizers: marks the schedule final and queues one mail per person with their meetings. */
export async function publishSchedule(actor: Actor, eventId: string): Promise<{ mails: number; publishedAt: string }> {
	requireArea(actor, 'organizer');
	return db.transaction(async (tx) => {
		await settingsTopic.lock(tx, eventId);
		const publishedAt = new Date();
		await tx.update(matchSettings).set({ schedulePublishedAt: publishedAt, updatedAt: publishedAt }).where(eq(matchSettings.eventId, eventId));
		const [last] = await tx.select({ id: matchScheduleRuns.id }).from(matchScheduleRuns).where(eq(matchScheduleRuns.eventId, eventId)).orderBy(desc(matchScheduleRuns.createdAt)).limit(1);
		if (last) await tx.update(matchScheduleRuns).set({ published: true }).where(eq(matchScheduleRuns.id, last.id));
		const [ev] = await tx.select({ timeZone: events.timeZone }).from(events).where(eq(events.id, eventId));
		const rows = await tx
			.select({ m: matchMeetings, roomName: rooms.name, table: matchTables.number })
			.from(matchMeetings)
			.leftJoin(matchSlots, eq(matchSlots.id, matchMeetings.slotId))
			.leftJoin(rooms, eq(rooms.id, matchSlots.roomId))
			.leftJoin(matchTables, eq(matchTables.id, matchMeetings.tableId))
			.where(and(eq(matchMeetings.eventId, eventId), eq(matchMeetings.status, 'scheduled')))
			.orderBy(matchMeetings.startsAt);
		const people = [...new Set(rows.flatMap((r) => [r.m.aProfileId, r.m.bProfileId]))];
		const names = people.length
			? new Map(
					(
						await tx
							.select({ id: matchProfiles.id, name: users.name, nameZh: users.nameZh, timeZone: matchProfiles.timeZone })
							.from(matchProfiles)
							.innerJoin(users, eq(users.id, matchProfiles.userId))
							.where(inArray(matchProfiles.id, people))
					).map((p) => [p.id, p])
				)
			: new Map();
		const per = new Map<string, { line: (locale: 'zh-CN' | 'en') => string }[]>();
		for (const r of rows) {
			for (const [me, other] of [
				[r.m.aProfileId, r.m.bProfileId],
				[r.m.bProfileId, r.m.aProfileId]
			]) {
				const o = names.get(other);
				const mine = names.get(me);
				const list = per.get(me) ?? [];
				list.push({
					line: (locale) => {
						const zone = r.m.remote ? (mine?.timeZone ?? ev.timeZone) : ev.timeZone;
						const params = { time: r.m.startsAt ? `${when(r.m.startsAt, zone, locale)} (${zone})` : '', room: r.roomName ? pick(r.roomName, locale) : '', table: r.table ?? '', other: o ? displayName(o, locale) : '', link: r.m.videoUrl ?? '' };
						return t(r.m.remote ? 'match_mail_line_remote' : 'match_mail_line', locale, params);
					}
				});
				per.set(me, list);
			}
		}
		const mails = await scheduleMail(tx, eventId, per);
		await record(actor, 'match.publish', { eventId, data: { mails, meetings: rows.length } }, tx);
		return { mails, publishedAt: publishedAt.toISOString() };
	});
}

export async function runs(actor: Actor, eventId: string): Promise<ScheduleRunView[]> {
	requireArea(actor, 'organizer');
	const rows = await db.select().from(matchScheduleRuns).where(eq(matchScheduleRuns.eventId, eventId)).orderBy(desc(matchScheduleRuns.createdAt)).limit(20);
	return rows.map((r) => runView(r));
}
