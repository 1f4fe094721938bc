/**
 * A partner's edition row (`partner_editions`: its quotas and default category for one event), and
 * the lock every quota count takes: delegates and projects both lock the row `FOR UPDATE`, then
 * count in a second statement, so concurrent nominations or submissions of one partner are
 * serialised per edition on every instance.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { partnerEditions } from './tables';
import { DomainError } from '../errors';

export type PartnerEdition = typeof partnerEditions.$inferSelect;

/**
 * Locks the partner's edition row. The count that follows must be a separate statement: under
 * READ COMMITTED a statement that waited for the lock still reads with the snapshot it started with,
 * so counting inside the locking statement would miss rows committed while it waited.
 */
export async function lockPartnerEdition(tx: Tx, partnerId: string, eventId: string): Promise<PartnerEdition> {
	const [ed] = await tx
		.select()
		.from(partnerEditions)
		.where(and(eq(partnerEditions.partnerId, partnerId), eq(partnerEditions.eventId, eventId)))
		.for('update');
	// A partner without an edition row does not take part in the event: as good as unknown.
	if (!ed) throw new DomainError('not_found');
	return ed;
}
