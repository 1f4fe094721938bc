/**
 * My data: everything stored about the actor (right of access) and the erasure of their account
 * (right to erasure). They belong to the account; registrations, badges and seats they touch are
 * read and changed through those domains' tables and verbs.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '../db';
import { users, sessions as authSessions, apiTokens } from './tables';
import { categories, registrations, seatBookings } from '../registrations/tables';
import { events } from '../events/tables';
import { badges as badgeTable } from '../badges/tables';
import { requireUser, type Actor } from './access';
import * as badges from '../badges';
import { record } from '../audit';
import { transitionInTx } from '../registrations/review';
import * as visa from '../visa';
import * as matchmaking from '../matchmaking';

/** Everything stored about the actor, as JSON (right of access). */
export async function exportMyData(actor: Actor) {
	requireUser(actor);
	const [u] = await db
		.select({ id: users.id, email: users.email, name: users.name, nameZh: users.nameZh, organization: users.organization, locale: users.locale, role: users.role, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.id, actor.id));
	const regs = await db
		.select({ registration: registrations, event: events.slug, category: categories.slug })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.userId, actor.id));
	const regIds = regs.map((r) => r.registration.id);
	const badgeRows = regIds.length ? await db.select({ registrationId: badgeTable.registrationId, version: badgeTable.version, issuedAt: badgeTable.issuedAt, revokedAt: badgeTable.revokedAt }).from(badgeTable).where(inArray(badgeTable.registrationId, regIds)) : [];
	const seats = await db.select().from(seatBookings).where(eq(seatBookings.userId, actor.id));
	const visaRequests = await visa.aboutMe(actor);
	const matchmakingData = await matchmaking.exportForUser(db, actor.id);
	return {
		exportedAt: new Date().toISOString(),
		account: u,
		registrations: regs.map((r) => ({
			id: r.registration.id,
			event: r.event,
			category: r.category,
			status: r.registration.status,
			answers: r.registration.answers,
			consentVersion: r.registration.consentVersion,
			consentAt: r.registration.consentAt,
			createdAt: r.registration.createdAt,
			badges: badgeRows.filter((b) => b.registrationId === r.registration.id)
		})),
		seatBookings: seats.map((s) => ({ sessionId: s.sessionId, status: s.status, createdAt: s.createdAt })),
		// Passport number and date of birth stay masked here as on every page the person sees: the
		// export is a file that travels by mail and download folders.
		visaRequests,
		matchmaking: matchmakingData
	};
}

/**
 * Deletes the actor's account: personal data erased (name, email, answers), places given back,
 * badges revoked, sessions and tokens ended. The rows stay, anonymous, so check-in statistics
 * (counts by category, country, field) still add up.
 */
export async function eraseMyAccount(actor: Actor) {
	requireUser(actor);
	// One transaction: a failure anywhere leaves the account as it was, never half erased. Categories
	// are locked in id order (each cancellation takes its category's lock, then the registration's),
	// so two erasures never wait on each other in a cycle.
	await db.transaction(async (tx) => {
		const mine = await tx
			.select({ id: registrations.id, status: registrations.status, categoryId: registrations.categoryId })
			.from(registrations)
			.where(eq(registrations.userId, actor.id))
			.orderBy(asc(registrations.categoryId));
		for (const r of mine) {
			if (r.status === 'pending' || r.status === 'approved' || r.status === 'waitlisted') await transitionInTx(tx, actor, r.categoryId, r.id, 'cancel', { reason: 'erased' });
		}
		for (const r of mine) await badges.revoke(tx, r.id, 'erased');
		await visa.eraseForUser(tx, actor.id);
		await matchmaking.eraseForUser(tx, actor.id);
		await tx.update(registrations).set({ answers: {}, updatedAt: new Date() }).where(eq(registrations.userId, actor.id));
		await tx
			.update(users)
			.set({ name: 'Erased', nameZh: null, organization: null, email: `erased-${actor.id}@erased.invalid`, passwordHash: null, erasedAt: new Date(), disabledAt: new Date() })
			.where(eq(users.id, actor.id));
		await tx.delete(authSessions).where(eq(authSessions.userId, actor.id));
		await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)));
		await record(actor, 'registrations.erase_account', { targetType: 'user', targetId: actor.id }, tx);
	});
}
