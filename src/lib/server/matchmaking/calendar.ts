/**
 * Meetings in the person's agenda feed: each meeting with a time as a calendar entry (UID the
 * meeting id, SEQUENCE the meeting's, raised on every move), the table and the other person.
 */
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { db } from '../db';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { rooms } from '../schedule/tables';
import { pick, type Locale } from '$lib/i18n/text';
import { t } from '$lib/i18n/errors';
import type { SessionView } from '../schedule/view';
import { matchMeetings, matchProfiles, matchSlots, matchTables } from './tables';
import { displayName } from './notify';

export async function calendarEntries(userId: string, locale: Locale): Promise<{ sessions: SessionView[]; stamp: Date; slug: string }> {
	const mine = await db.select({ id: matchProfiles.id }).from(matchProfiles).where(eq(matchProfiles.userId, userId));
	if (!mine.length) return { sessions: [], stamp: new Date(0), slug: '' };
	const ids = mine.map((p) => p.id);
	const rows = await db
		.select({ m: matchMeetings, roomName: rooms.name, table: matchTables.number, zone: events.timeZone, slug: events.slug })
		.from(matchMeetings)
		.innerJoin(events, eq(events.id, matchMeetings.eventId))
		.leftJoin(matchSlots, eq(matchSlots.id, matchMeetings.slotId))
		.leftJoin(rooms, eq(rooms.id, matchSlots.roomId))
		.leftJoin(matchTables, eq(matchTables.id, matchMeetings.tableId))
		.where(and(isNotNull(matchMeetings.startsAt), inArray(matchMeetings.status, ['scheduled', 'held', 'no_show', 'cancelled']), or(inArray(matchMeetings.aProfileId, ids), inArray(matchMeetings.bProfileId, ids))));
	if (!rows.length) return { sessions: [], stamp: new Date(0), slug: '' };
	const otherIds = rows.map((r) => (ids.includes(r.m.aProfileId) ? r.m.bProfileId : r.m.aProfileId));
	const names = new Map(
		(await db.select({ id: matchProfiles.id, name: users.name, nameZh: users.nameZh, org: matchProfiles.organization }).from(matchProfiles).innerJoin(users, eq(users.id, matchProfiles.userId)).where(inArray(matchProfiles.id, otherIds))).map((p) => [p.id, p])
	);
	let stamp = new Date(0);
	const sessions = rows.map((r, i): SessionView => {
		if (r.m.updatedAt > stamp) stamp = r.m.updatedAt;
		const o = names.get(otherIds[i]);
		const other = o ? displayName(o, locale) : '';
		const room = r.roomName ? pick(r.roomName, locale) : '';
		return {
			id: r.m.id,
			code: `meeting-${r.m.id.slice(0, 8)}`,
			title: r.table ? t('match_cal_title_table', locale, { other, table: r.table }) : t(r.m.remote ? 'match_cal_title_remote' : 'match_cal_title', locale, { other }),
			abstract: [o?.org ?? '', r.m.videoUrl ?? ''].filter(Boolean).join('\n'),
			kind: 'meeting',
			status: r.m.status === 'cancelled' ? 'cancelled' : 'confirmed',
			track: null,
			room: r.roomName ? { id: r.m.slotId ?? '', name: room, capacity: null } : null,
			venue: null,
			partner: null,
			zone: r.zone,
			zoneLabel: r.zone,
			venueZone: r.zone,
			startsAt: r.m.startsAt!.toISOString(),
			endsAt: r.m.endsAt!.toISOString(),
			date: '',
			start: '',
			end: '',
			capacity: null,
			requiresBooking: false,
			speakers: [],
			pitches: [],
			sequence: r.m.sequence,
			path: '/me/matchmaking/meetings'
		};
	});
	return { sessions, stamp, slug: rows[0].slug };
}
