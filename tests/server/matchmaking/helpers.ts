/** Builders for matchmaking tests: an edition with tracks, a pre-matching session in a room, and people with profiles. */
import { db } from '$lib/server/db';
import { categories, registrations } from '$lib/server/registrations/tables';
import { newPublicId } from '$lib/server/registrations/public-id';
import { programSessions, rooms, tracks, venues } from '$lib/server/schedule/tables';
import * as badges from '$lib/server/badges';
import * as matchmaking from '$lib/server/matchmaking';
import type { MatchProfileInput } from '$lib/schemas/matchmaking';
import { makeEvent, makeUser } from '../../helpers/factory';

/** The session runs 09:00–10:00 UTC on 2027-07-07 (in the future: ended slots are refused): three 20-minute slots without gaps. */
export const SESSION_START = new Date('2027-07-07T09:00:00Z');

export async function edition() {
	const event = await makeEvent();
	const [category] = await db.insert(categories).values({ eventId: event.id, slug: 'overseas-talent', name: { zh: '海外人才', en: 'Overseas talent' }, requiresApproval: false }).returning();
	await db.insert(tracks).values([
		{ eventId: event.id, slug: 'ai', name: { zh: '人工智能', en: 'AI' }, color: '#7c3aed' },
		{ eventId: event.id, slug: 'biomed', name: { zh: '生物医药', en: 'Biomedicine' }, color: '#b91c1c' }
	]);
	const [venue] = await db.insert(venues).values({ eventId: event.id, name: { zh: '会展中心', en: 'Expo centre' } }).returning();
	const [room, room2] = await db
		.insert(rooms)
		.values([
			{ eventId: event.id, venueId: venue.id, name: { zh: '洽谈厅', en: 'Meeting hall' } },
			{ eventId: event.id, venueId: venue.id, name: { zh: '二号厅', en: 'Hall 2' } }
		])
		.returning();
	const [session] = await db
		.insert(programSessions)
		.values({ eventId: event.id, code: 'PM1', title: { zh: '精准对接会', en: 'Pre-matching' }, kind: 'prematching', roomId: room.id, startsAt: SESSION_START, endsAt: new Date(SESSION_START.getTime() + 60 * 60_000) })
		.returning();
	const organizer = await makeUser('organizer');
	return { event, category, room, room2, session, organizer };
}

export async function person(ed: { event: { id: string }; category: { id: string } }, profile: Partial<MatchProfileInput> = {}, user: Partial<Parameters<typeof makeUser>[1]> = {}) {
	const u = await makeUser('attendee', { locale: 'en', ...user });
	const [reg] = await db.insert(registrations).values({ publicId: newPublicId(), eventId: ed.event.id, userId: u.id, categoryId: ed.category.id, status: 'approved' }).returning();
	const badge = await badges.issue(db, reg.id);
	const p = await matchmaking.saveProfile(u, ed.event.id, { listed: true, kind: 'talent', sectors: ['ai'], offers: ['partner'], seeks: ['raise'], languages: ['en'], phone: '+86 411 1234567', ...profile });
	return { user: u, reg, profile: p, badge: badge.code };
}
