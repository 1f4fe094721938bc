/** Meeting rows to views: both people, slot, room, table, the viewer's rating and outcome. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db';
import { events } from '../events/tables';
import { rooms } from '../schedule/tables';
import { matchMeetings, matchOutcomes, matchRatings, matchSlots, matchTables } from './tables';
import { contactsOf, profileViews } from './shape';
import type { MeetingView, Outcome, Report, SlotView } from './views';

export type MeetingRow = typeof matchMeetings.$inferSelect;

/**
 * Views in the order of `ids`. `viewer.profileId` is the participant looking (their side and the
 * other person's contact details); null for organizers (no contact details).
 */
export async function meetingViews(ex: Executor, ids: string[], viewer: { profileId: string | null }): Promise<MeetingView[]> {
	if (!ids.length) return [];
	const rows = await ex.select().from(matchMeetings).where(inArray(matchMeetings.id, ids));
	return viewsOf(ex, rows, viewer, ids);
}

export async function viewsOf(ex: Executor, rows: MeetingRow[], viewer: { profileId: string | null }, order = rows.map((r) => r.id)): Promise<MeetingView[]> {
	if (!rows.length) return [];
	const people = [...new Set(rows.flatMap((r) => [r.aProfileId, r.bProfileId]))];
	const contact = await contactsOf(ex, viewer.profileId, people);
	if (viewer.profileId) contact.add(viewer.profileId);
	const slotIds = [...new Set(rows.map((r) => r.slotId).filter((x): x is string => !!x))];
	const tableIds = [...new Set(rows.map((r) => r.tableId).filter((x): x is string => !!x))];
	const meetingIds = rows.map((r) => r.id);
	const [profiles, slots, tables, ratings, outcomes, ev] = await Promise.all([
		profileViews(ex, people, contact, { withDetails: rows.length <= 50 }),
		slotIds.length
			? ex
					.select({ s: matchSlots, roomName: rooms.name })
					.from(matchSlots)
					.innerJoin(rooms, eq(rooms.id, matchSlots.roomId))
					.where(inArray(matchSlots.id, slotIds))
			: [],
		tableIds.length ? ex.select().from(matchTables).where(inArray(matchTables.id, tableIds)) : [],
		viewer.profileId ? ex.select().from(matchRatings).where(and(inArray(matchRatings.meetingId, meetingIds), eq(matchRatings.profileId, viewer.profileId))) : [],
		viewer.profileId ? ex.select().from(matchOutcomes).where(and(inArray(matchOutcomes.meetingId, meetingIds), eq(matchOutcomes.profileId, viewer.profileId))) : [],
		ex.select({ id: events.id, timeZone: events.timeZone }).from(events).where(eq(events.id, rows[0].eventId))
	]);
	const pv = new Map(profiles.map((p) => [p.id, p]));
	const sv = new Map(slots.map((s) => [s.s.id, s]));
	const tv = new Map(tables.map((t) => [t.id, t]));
	const zone = ev[0]?.timeZone ?? 'Asia/Shanghai';
	const byId = new Map(rows.map((r) => [r.id, r]));
	const out: MeetingView[] = [];
	for (const id of order) {
		const m = byId.get(id);
		if (!m) continue;
		const a = pv.get(m.aProfileId);
		const b = pv.get(m.bProfileId);
		if (!a || !b) continue;
		const side = viewer.profileId === m.aProfileId ? 'a' : viewer.profileId === m.bProfileId ? 'b' : null;
		const s = m.slotId ? sv.get(m.slotId) : undefined;
		const slot: SlotView | null = s
			? { id: s.s.id, sessionId: s.s.sessionId, position: s.s.position, roomId: s.s.roomId, roomName: s.roomName, startsAt: s.s.startsAt.toISOString(), endsAt: s.s.endsAt.toISOString() }
			: null;
		const t = m.tableId ? tv.get(m.tableId) : undefined;
		const rating = ratings.find((r) => r.meetingId === m.id);
		const outcome = outcomes.find((o) => o.meetingId === m.id);
		out.push({
			id: m.id,
			eventId: m.eventId,
			requestId: m.requestId,
			status: m.status,
			side,
			a,
			b,
			other: side === 'b' ? a : b,
			slot,
			table: t ? { id: t.id, number: t.number, fixed: !!t.fixedProfileId } : null,
			room: slot ? { id: slot.roomId, name: slot.roomName } : null,
			remote: m.remote,
			videoUrl: m.videoUrl,
			startsAt: m.startsAt?.toISOString() ?? null,
			endsAt: m.endsAt?.toISOString() ?? null,
			timeZone: zone,
			zones: { a: a.timeZone ?? zone, b: b.timeZone ?? zone },
			locked: m.locked,
			sequence: m.sequence,
			heldAt: m.heldAt?.toISOString() ?? null,
			noShowSide: (m.noShowSide as MeetingView['noShowSide']) ?? null,
			reports: { a: (m.aReport as Report | null) ?? null, b: (m.bReport as Report | null) ?? null },
			myRating: rating ? { stars: rating.stars, followUp: rating.followUp } : null,
			myOutcome: (outcome?.outcome as Outcome | null | undefined) ?? null,
			outcomeAsked: !!outcome
		});
	}
	return out;
}
