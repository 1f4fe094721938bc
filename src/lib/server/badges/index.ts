/**
 * Badge issuance and revocation. Called by registration verbs inside their transaction:
 * approval issues version 1; a reissue revokes the current version and issues the next;
 * cancellation, rejection or erasure revoke the current one.
 */
import { and, desc, eq, isNull, isNotNull, gt } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { badges, eventKeys } from './tables';
import { registrations } from '../registrations/tables';
import { generateKeyPair, signCode } from './code';
import { DomainError } from '../errors';
import { cache as newCache } from '../cache';
import { broadcast } from '../invalidation';

export * from './code';

export type EventKey = typeof eventKeys.$inferSelect;

/**
 * An event's key never changes once created, so the process remembers the keys it has seen
 * committed. Only reads outside a transaction fill this: a key created inside a transaction that
 * later rolls back must never be remembered.
 */
const committedKeys = newCache<EventKey>({ max: 1_000 });

/** The event's key pair, created on first use (concurrent first uses agree through the primary key). */
export async function eventKey(ex: Executor, eventId: string): Promise<EventKey> {
	const known = committedKeys.get(eventId);
	if (known) return known;
	let [row] = await ex.select().from(eventKeys).where(eq(eventKeys.eventId, eventId)).limit(1);
	if (!row) {
		const pair = generateKeyPair();
		await ex.insert(eventKeys).values({ eventId, ...pair }).onConflictDoNothing();
		[row] = await ex.select().from(eventKeys).where(eq(eventKeys.eventId, eventId)).limit(1);
	}
	if (ex === db) committedKeys.set(eventId, row);
	return row;
}

/** The event's key if this process already knows it committed: no database access. */
export function knownKey(eventId: string): EventKey | undefined {
	return committedKeys.get(eventId);
}

/** The public half, for scanners. */
export async function publicKey(eventId: string) {
	const key = await eventKey(db, eventId);
	return { kid: key.kid, publicKey: key.publicKey, algorithm: 'Ed25519' as const };
}

export async function current(ex: Executor, registrationId: string) {
	const [row] = await ex
		.select()
		.from(badges)
		.where(and(eq(badges.registrationId, registrationId), isNull(badges.revokedAt)))
		.orderBy(desc(badges.version))
		.limit(1);
	return row ?? null;
}

/** Issues a badge if the registration has no valid one; returns the current badge. */
export async function issue(ex: Executor, registrationId: string) {
	const existing = await current(ex, registrationId);
	if (existing) return existing;
	return issueNext(ex, registrationId);
}

async function issueNext(ex: Executor, registrationId: string) {
	const [reg] = await ex
		.select({ id: registrations.id, eventId: registrations.eventId, publicId: registrations.publicId })
		.from(registrations)
		.where(eq(registrations.id, registrationId))
		.limit(1);
	if (!reg) throw new DomainError('not_found');
	const [last] = await ex.select({ version: badges.version }).from(badges).where(eq(badges.registrationId, registrationId)).orderBy(desc(badges.version)).limit(1);
	const version = (last?.version ?? 0) + 1;
	const key = await eventKey(ex, reg.eventId);
	const [row] = await ex
		.insert(badges)
		.values({ registrationId, version, eventId: reg.eventId, code: signCode(key, reg.publicId, version) })
		.returning();
	void broadcast('badge', registrationId);
	return row;
}

export async function revoke(ex: Executor, registrationId: string, reason: string) {
	// Caches of "the current code of a registration" (the badge image) drop it, here and on every instance.
	void broadcast('badge', registrationId);
	await ex
		.update(badges)
		.set({ revokedAt: new Date(), revokeReason: reason })
		.where(and(eq(badges.registrationId, registrationId), isNull(badges.revokedAt)));
}

/** Revokes the current code and issues the next version. */
export async function reissue(ex: Executor, registrationId: string) {
	await revoke(ex, registrationId, 'reissued');
	return issueNext(ex, registrationId);
}

/** Revocations of an event since a time (incremental scanner sync). */
export async function revocations(eventId: string, since?: Date) {
	const where = since
		? and(eq(badges.eventId, eventId), isNotNull(badges.revokedAt), gt(badges.revokedAt, since))
		: and(eq(badges.eventId, eventId), isNotNull(badges.revokedAt));
	return db
		.select({ publicId: registrations.publicId, version: badges.version, revokedAt: badges.revokedAt, reason: badges.revokeReason })
		.from(badges)
		.innerJoin(registrations, eq(registrations.id, badges.registrationId))
		.where(where);
}
