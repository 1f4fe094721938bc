/** A lost badge: a new code for an approved registration, the old one revoked. */
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { registrations } from './tables';
import { requireArea, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';
import { record } from '../audit';
import { visible } from './reading';

/** Organizers: a new badge code for an approved registration (a lost badge); the old code is revoked. */
export async function reissueBadge(actor: Actor, id: string) {
	requireArea(actor, 'organizer');
	const r = await visible(actor, id);
	return db.transaction(async (tx) => {
		const [locked] = await tx.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, r.id)).for('update');
		if (locked.status !== 'approved') throw new DomainError('invalid_transition', { status: 409 });
		const badge = await badges.reissue(tx, r.id);
		await record(actor, 'registrations.reissue_badge', { targetType: 'registration', targetId: r.id, eventId: r.eventId, data: { version: badge.version } }, tx);
		return { id: r.id, version: badge.version, code: badge.code };
	});
}
