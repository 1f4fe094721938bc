/**
 * Gapless letter numbers per edition. `take` runs inside the approving transaction: it locks the
 * edition's counter row (`SELECT ... FOR UPDATE`), so concurrent approvals on any number of
 * connections and app instances queue on that row, and a transaction that rolls back after taking a
 * number gives it back with the rest of its work. A sequence would be unique but not gapless.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { visaCounters } from './tables';

export async function take(tx: Tx, eventId: string): Promise<number> {
	// The first letter of an edition makes the row; two first approvals agree through the primary key.
	await tx.insert(visaCounters).values({ eventId, last: 0 }).onConflictDoNothing();
	const [row] = await tx.select().from(visaCounters).where(eq(visaCounters.eventId, eventId)).for('update');
	const seq = row.last + 1;
	await tx.update(visaCounters).set({ last: seq }).where(eq(visaCounters.eventId, eventId));
	return seq;
}
