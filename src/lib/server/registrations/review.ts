/** Review and cancel (approve, reject, waitlist, cancel; in bulk too), answers, status mails again. */
import { and, eq, inArray } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { categories, registrations, seatBookings } from './tables';
import { isOrganizer, requireArea, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';
import { record } from '../audit';
import * as eventsDomain from '../events';
import { statusMail } from './notify';
import { confirmedCount, lockCategory, promote } from './places';
import { visible } from './reading';
import * as rules from './rules';
import type { Status, Action } from './rules';

export interface TransitionResult {
	id: string;
	status: Status;
	changed: boolean;
	promoted: string[];
}

/**
 * Applies a review action. Organizers may do all; the owner may cancel their own. Repeating an
 * action already applied changes nothing (a double click is harmless).
 */
export async function transition(actor: Actor, id: string, action: Action, opts: { reason?: string } = {}): Promise<TransitionResult> {
	const r0 = await visible(actor, id);
	if (!isOrganizer(actor) && action !== 'cancel') throw new DomainError('forbidden');
	return db.transaction((tx) => transitionInTx(tx, actor, r0.categoryId, id, action, opts));
}

/**
 * The transition inside the caller's transaction (access already checked): takes the category lock,
 * then the registration's. Account erasure runs it for each live registration in its one transaction.
 */
export async function transitionInTx(tx: Tx, actor: Actor, categoryId: string, id: string, action: Action, opts: { reason?: string } = {}): Promise<TransitionResult> {
	const to = rules.targetOf(action);
	const c = await lockCategory(tx, categoryId);
	const [r] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
	if (!r) throw new DomainError('not_found');
	const from = r.status as Status;
	if (from === to) return { id, status: to, changed: false, promoted: [] };
	if (!rules.canApply(action, from)) throw new DomainError('invalid_transition', { status: 409, details: { from, to } });
	if (rules.needsPlace(from, to) && !rules.hasRoom(c.capacity, await confirmedCount(tx, c.id))) {
		throw new DomainError('capacity_full', { status: 409 });
	}
	await tx.update(registrations).set({ status: to, updatedAt: new Date() }).where(eq(registrations.id, id));
	if (to === 'approved') await badges.issue(tx, id);
	else await badges.revoke(tx, id, to);
	await statusMail(tx, id, to);
	await cancelSeats(tx, r.userId, r.eventId, to);
	await record(actor, `registrations.${action}`, { targetType: 'registration', targetId: id, eventId: r.eventId, data: { from, to, reason: opts.reason } }, tx);
	// A place freed by a cancellation or rejection goes to the first waiting person at once. An
	// organizer's explicit `waitlist` does not promote: the oldest waiting person could be the very
	// one just moved back, and the organizer meant to hold the place.
	const promoted = (action === 'cancel' || action === 'reject') && rules.freesPlace(from, to) ? await promote(tx, c) : [];
	return { id, status: to, changed: true, promoted };
}

export const approve = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'approve', opts);
export const reject = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'reject', opts);
export const cancel = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'cancel', opts);
export const waitlist = (actor: Actor, id: string, opts?: { reason?: string }) => transition(actor, id, 'waitlist', opts);

/** A person who no longer holds a place gives their seats back (and the seat waitlists move on). */
async function cancelSeats(tx: Tx, userId: string, eventId: string, to: Status) {
	if (to !== 'cancelled' && to !== 'rejected') return;
	const live = await tx
		.select({ id: seatBookings.id })
		.from(seatBookings)
		.where(and(eq(seatBookings.userId, userId), eq(seatBookings.eventId, eventId), inArray(seatBookings.status, ['booked', 'waitlisted'])));
	if (!live.length) return;
	const { releaseInTx } = await import('./seats');
	for (const b of live) await releaseInTx(tx, b.id);
}

/** Bulk review: each registration in its own transaction, so one refusal does not undo the others. */
export async function bulk(actor: Actor, eventSlug: string, ids: string[], action: 'approve' | 'reject' | 'waitlist') {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const own = await db
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, event.id), inArray(registrations.id, ids)));
	const ok: string[] = [];
	const failed: { id: string; code: string }[] = [];
	const ownIds = new Set(own.map((r) => r.id));
	for (const id of ids) {
		if (!ownIds.has(id)) {
			failed.push({ id, code: 'not_found' });
			continue;
		}
		try {
			await transition(actor, id, action);
			ok.push(id);
		} catch (e) {
			if (e instanceof DomainError) failed.push({ id, code: e.code });
			else throw e;
		}
	}
	return { ok, failed };
}

/** Changes answers: the owner until the window closes, organizers any time. */
export async function updateAnswers(actor: Actor, id: string, answers: Record<string, unknown>, now = new Date()) {
	const r = await visible(actor, id);
	const [c] = await db.select().from(categories).where(eq(categories.id, r.categoryId));
	if (!isOrganizer(actor)) {
		if (r.status === 'cancelled' || r.status === 'rejected') throw new DomainError('invalid_transition', { status: 409 });
		if (rules.windowState(c, now) === 'closed') throw new DomainError('registration_closed', { status: 409 });
	}
	const checked = rules.validateAnswers(c.questions, answers);
	if (!checked.ok) {
		const fields: Record<string, string[]> = {};
		for (const [k, v] of Object.entries(checked.errors)) fields[`answers.${k}`] = v;
		throw new DomainError('invalid_input', { fields });
	}
	await db.transaction(async (tx) => {
		await tx
			.update(registrations)
			.set({ answers: checked.values, ...rules.derivedColumns(c.questions, checked.values), updatedAt: new Date() })
			.where(eq(registrations.id, id));
		if (actor.id !== r.userId) await record(actor, 'registrations.edit_answers', { targetType: 'registration', targetId: id, eventId: r.eventId }, tx);
	});
	return checked.values;
}

/** Organizers: sends the person's current status mail again. */
export async function resendConfirmation(actor: Actor, id: string) {
	requireArea(actor, 'organizer');
	const r = await visible(actor, id);
	await db.transaction(async (tx) => {
		await statusMail(tx, id, r.status as Status);
		await record(actor, 'registrations.resend', { targetType: 'registration', targetId: id, eventId: r.eventId }, tx);
	});
}
