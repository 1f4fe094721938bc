/** A small event with categories, a room with sessions, people in every state and their badges. */
import { db } from '$lib/server/db';
import { categories, registrations } from '$lib/server/registrations/tables';
import { rooms, venues, programSessions } from '$lib/server/schedule/tables';
import { newPublicId } from '$lib/server/registrations/public-id';
import * as badges from '$lib/server/badges';
import * as checkin from '$lib/server/checkin';
import type { CheckpointInput } from '$lib/schemas/checkin';
import { checkpointInputSchema } from '$lib/schemas/checkin';
import { makeEvent, makeUser } from '../../helpers/factory';

export async function makeCheckinEvent(now = new Date()) {
	const organizer = await makeUser('organizer');
	const event = await makeEvent();
	const [talent, media] = await db
		.insert(categories)
		.values([
			{ eventId: event.id, slug: 'talent', name: { zh: '海外人才', en: 'Overseas talent' }, color: '#0f766e' },
			{ eventId: event.id, slug: 'media', name: { zh: '媒体', en: 'Media' }, color: '#b45309' }
		])
		.returning();
	const [venue] = await db.insert(venues).values({ eventId: event.id, name: { zh: '会展中心', en: 'Expo centre' } }).returning();
	const [room] = await db.insert(rooms).values({ eventId: event.id, venueId: venue.id, name: { zh: '一号厅', en: 'Hall 1' } }).returning();
	const [openSession, bookedSession] = await db
		.insert(programSessions)
		.values([
			{ eventId: event.id, code: 'S1', title: { zh: '开幕', en: 'Opening' }, kind: 'opening', roomId: room.id, startsAt: new Date(now.getTime() - 120 * 60_000), endsAt: new Date(now.getTime() - 60 * 60_000) },
			{ eventId: event.id, code: 'S2', title: { zh: '路演', en: 'Roadshow' }, kind: 'roadshow', roomId: room.id, startsAt: new Date(now.getTime() - 30 * 60_000), endsAt: new Date(now.getTime() + 30 * 60_000), requiresBooking: true }
		])
		.returning();

	async function person(status: 'approved' | 'pending' | 'cancelled' | 'waitlisted' = 'approved', categoryId = talent.id) {
		const user = await makeUser('attendee', { nameZh: '张伟', organization: 'Example Labs' });
		const [reg] = await db.insert(registrations).values({ publicId: newPublicId(), eventId: event.id, userId: user.id, categoryId, status }).returning();
		const badge = await badges.issue(db, reg.id);
		return { user, reg, code: badge.code };
	}

	async function checkpoint(input: Partial<Omit<CheckpointInput, 'rules'>> & { rules?: Partial<CheckpointInput['rules']> } = {}) {
		const parsed = checkpointInputSchema.parse({ name: { zh: '入口', en: 'Entrance' }, kind: 'entrance', ...input, rules: { ...(input.rules ?? {}) } });
		return checkin.createCheckpoint(organizer, event.id, parsed);
	}

	async function device(checkpointIds: string[], name = 'Phone A') {
		const { pairingCode } = await checkin.createDevice(organizer, event.id, { name, checkpointIds });
		const { token } = await checkin.pair(pairingCode);
		const scanner = await checkin.authenticateDevice(token);
		return { token, scanner: scanner! };
	}

	return { organizer, event, talent, media, venue, room, openSession, bookedSession, person, checkpoint, device };
}

let n = 0;
export const scanId = () => `scan-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
