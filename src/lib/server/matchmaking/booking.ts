/**
 * Putting a meeting at a slot and table, always inside a transaction that holds the edition lock
 * (settings.lock): the checks here read a state nobody else can change until the commit. The
 * unique indexes (slot, table) and (profile, slot) back them up.
 */
import { and, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { matchMeetingSeats, matchMeetings, matchSlots, matchTables, matchUnavailability } from './tables';
import * as rules from './rules';
import { LIVE_MEETING } from './shape';

export type SlotRow = typeof matchSlots.$inferSelect;
export type TableRow = typeof matchTables.$inferSelect;
type MeetingRow = typeof matchMeetings.$inferSelect;

/** A person's timed commitments (live meetings with a time), except `exceptMeeting`. */
export async function commitments(tx: Tx, profileIds: string[], exceptMeeting: string | null): Promise<Map<string, rules.Interval[]>> {
	const rows = await tx
		.select({ a: matchMeetings.aProfileId, b: matchMeetings.bProfileId, id: matchMeetings.id, startsAt: matchMeetings.startsAt, endsAt: matchMeetings.endsAt, roomId: matchSlots.roomId })
		.from(matchMeetings)
		.leftJoin(matchSlots, eq(matchSlots.id, matchMeetings.slotId))
		.where(
			and(
				inArray(matchMeetings.status, [...LIVE_MEETING]),
				isNotNull(matchMeetings.startsAt),
				or(inArray(matchMeetings.aProfileId, profileIds), inArray(matchMeetings.bProfileId, profileIds)),
				exceptMeeting ? ne(matchMeetings.id, exceptMeeting) : sql`true`
			)
		);
	const out = new Map<string, rules.Interval[]>(profileIds.map((p) => [p, []]));
	for (const r of rows) {
		const iv = { startsAt: r.startsAt!.getTime(), endsAt: r.endsAt!.getTime(), roomId: r.roomId ?? null };
		for (const p of [r.a, r.b]) out.get(p)?.push(iv);
	}
	return out;
}

export async function unavailable(tx: Tx, profileIds: string[]): Promise<Map<string, Set<string>>> {
	const rows = await tx.select().from(matchUnavailability).where(inArray(matchUnavailability.profileId, profileIds));
	const out = new Map<string, Set<string>>(profileIds.map((p) => [p, new Set()]));
	for (const r of rows) out.get(r.profileId)?.add(r.slotId);
	return out;
}

/** Tables of the slot's session already taken in that slot (by other meetings). */
export async function takenTables(tx: Tx, slotId: string, exceptMeeting: string | null): Promise<Set<string>> {
	const rows = await tx
		.select({ tableId: matchMeetings.tableId })
		.from(matchMeetings)
		.where(and(eq(matchMeetings.slotId, slotId), ne(matchMeetings.status, 'cancelled'), exceptMeeting ? ne(matchMeetings.id, exceptMeeting) : sql`true`));
	return new Set(rows.map((r) => r.tableId!).filter(Boolean));
}

export type BookVerdict = { ok: true; slot: SlotRow; table: TableRow } | { ok: false; reason: 'unknown_slot' | 'ended' | 'unavailable' | 'a_busy' | 'b_busy' | 'no_table' | 'table_taken' };

/** Can `m` go into `slotId` (at `tableId`, or a table picked for it)? Read under the edition lock. */
export async function check(tx: Tx, m: Pick<MeetingRow, 'id' | 'eventId' | 'aProfileId' | 'bProfileId'>, slotId: string, walkMinutes: number, tableId?: string, now: Date | null = null): Promise<BookVerdict> {
	const [slot] = await tx.select().from(matchSlots).where(and(eq(matchSlots.id, slotId), eq(matchSlots.eventId, m.eventId)));
	if (!slot) return { ok: false, reason: 'unknown_slot' };
	if (now && rules.slotEnded({ endsAt: slot.endsAt.getTime() }, now.getTime())) return { ok: false, reason: 'ended' };
	const people = [m.aProfileId, m.bProfileId];
	const [busy, off] = await Promise.all([commitments(tx, people, m.id), unavailable(tx, people)]);
	const iv = { id: slot.id, startsAt: slot.startsAt.getTime(), endsAt: slot.endsAt.getTime(), roomId: slot.roomId };
	const [v] = rules.slotVerdicts([iv], people.map((p) => ({ unavailable: off.get(p)!, commitments: busy.get(p)! })), walkMinutes);
	if (v.reason) return { ok: false, reason: v.reason };
	const tables = await tx.select().from(matchTables).where(eq(matchTables.sessionId, slot.sessionId));
	const taken = await takenTables(tx, slot.id, m.id);
	if (tableId) {
		const t = tables.find((x) => x.id === tableId);
		if (!t) return { ok: false, reason: 'no_table' };
		if (taken.has(t.id)) return { ok: false, reason: 'table_taken' };
		return { ok: true, slot, table: t };
	}
	const t = rules.pickTable(tables, taken, m.aProfileId, m.bProfileId);
	return t ? { ok: true, slot, table: t } : { ok: false, reason: 'no_table' };
}

/** Writes the placement (seats included); raises SEQUENCE when the meeting had a time before. */
export async function place(tx: Tx, m: Pick<MeetingRow, 'id' | 'aProfileId' | 'bProfileId' | 'startsAt' | 'slotId' | 'tableId'>, slot: SlotRow, table: TableRow) {
	const moved = m.slotId !== slot.id || m.tableId !== table.id;
	await tx.delete(matchMeetingSeats).where(eq(matchMeetingSeats.meetingId, m.id));
	await tx
		.update(matchMeetings)
		.set({
			slotId: slot.id,
			tableId: table.id,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			remote: false,
			videoUrl: null,
			status: 'scheduled',
			sequence: m.startsAt && moved ? sql`${matchMeetings.sequence} + 1` : matchMeetings.sequence,
			updatedAt: new Date()
		})
		.where(eq(matchMeetings.id, m.id));
	await tx.insert(matchMeetingSeats).values([
		{ meetingId: m.id, profileId: m.aProfileId, slotId: slot.id },
		{ meetingId: m.id, profileId: m.bProfileId, slotId: slot.id }
	]);
}

/** Takes a meeting out of its slot (back to unscheduled); raises SEQUENCE if it had a time. */
export async function unplace(tx: Tx, m: Pick<MeetingRow, 'id' | 'startsAt'>) {
	await tx.delete(matchMeetingSeats).where(eq(matchMeetingSeats.meetingId, m.id));
	await tx
		.update(matchMeetings)
		.set({ slotId: null, tableId: null, startsAt: null, endsAt: null, remote: false, videoUrl: null, status: 'unscheduled', sequence: m.startsAt ? sql`${matchMeetings.sequence} + 1` : matchMeetings.sequence, updatedAt: new Date() })
		.where(eq(matchMeetings.id, m.id));
}
