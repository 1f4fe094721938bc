/**
 * Registering, built for the moment registration opens and everyone submits at once.
 *
 * The invariant: a category never holds more places (pending + approved) than its capacity, and
 * every acknowledged registration commits with its badge (when approved) and its status mail.
 * As everywhere in this domain, the category row is locked (`FOR UPDATE`) before places are
 * counted, in one transaction, so the count is exact across connections and app instances.
 *
 * What makes it fast:
 * - **Few statements.** One locks the category and reads it with its event; one more (a CTE)
 *   checks who is already registered, counts the places, inserts the registrations, their badges
 *   and their mails. The lock and the count stay two statements: on PostgreSQL a statement's
 *   snapshot is taken before it waits for a lock, so counting in the locking statement could miss
 *   places taken by the transaction it waited for. Badge codes and mail texts are rendered before
 *   the second statement (the badge key is remembered per process, see `badges.knownKey`).
 * - **Group commit.** Registrations for one category that arrive while a transaction for it is
 *   running wait and then go together in the next one: one lock, one count, one insert for many
 *   people, places given in order of arrival. A refusal of one person (window, answers, already
 *   registered) is that person's answer alone; a statement that fails for the batch (a person's
 *   racing second submit into another category, caught by the unique key) sends every member of
 *   the batch through again alone, so one failure never fails the others.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import { db, rowsOf, type Tx } from '../db';
import { isUniqueViolation } from '../db/errors';
import { groupCommit, type Outcome as GroupOutcome } from '../db/group-commit';
import { cache as newCache } from '../cache';
import { categories } from './tables';
import { events } from '../events/tables';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';
import * as mail from '../mail';
import * as eventsDomain from '../events';
import { newPublicId } from './public-id';
import { renderStatusMail, statusMail } from './notify';
import * as rules from './rules';
import type { Status } from './rules';
import type { RegisterInput } from '$lib/schemas/registrations';

export interface Registered {
	id: string;
	status: Status;
	publicId: string;
}

interface Request {
	actor: Actor;
	eventSlug: string;
	input: RegisterInput;
	now: Date;
}

type Outcome = GroupOutcome<Registered>;

/** At most this many people in one transaction. */
const MAX_BATCH = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Registers the actor for an edition: pending (approval needed), approved, or waitlisted when the
 * category is full. One registration per person and edition (409 already_registered). The work is
 * below: few statements, and group commit when many register for one category at once.
 */
export async function register(actor: Actor, eventSlug: string, input: RegisterInput, now = new Date()) {
	requireUser(actor);
	return queue.submit({ actor, eventSlug, input, now }, `${eventSlug}\n${input.category}`);
}

// ---------------------------------------------------------------- group commit

/**
 * One lane per category reference (event slug + category slug or id), one batch at a time per
 * lane. One person twice in one batch (a double submit) would fail the whole statement on the
 * unique key: the second submit waits for the next batch, where it meets the first.
 */
const queue = groupCommit<Request, Registered>({
	maxBatch: MAX_BATCH,
	admit: (r, batch) => !batch.some((b) => b.actor.id === r.actor.id),
	run: registerMany,
	// A racing second submit into another category, caught by the unique key.
	failure: (e) => (isUniqueViolation(e) ? new DomainError('already_registered', { status: 409 }) : e)
});

// ---------------------------------------------------------------- one transaction for a batch

/** Categories (ids) whose last batch in this process ended with people on the waitlist. */
const lastBatchFull = newCache<true>({ max: 10_000 });

type Found = { category: typeof categories.$inferSelect; event: typeof events.$inferSelect };

/** The category (by slug, or id) of the event, locked, with the event: one statement. */
async function lockCategoryOf(tx: Tx, eventSlug: string, ref: string): Promise<Found | undefined> {
	const [row] = await tx
		.select({ category: categories, event: events })
		.from(categories)
		.innerJoin(events, eq(events.id, categories.eventId))
		.where(and(eq(events.slug, eventSlug), UUID.test(ref) ? or(eq(categories.id, ref), eq(categories.slug, ref)) : eq(categories.slug, ref)))
		.limit(1)
		.for('update', { of: categories });
	return row;
}

/** The person's answers checked against the category, or the refusal (a domain error). */
function check(found: Found, r: Request): { ok: true; values: rules.Answers } | { ok: false; error: DomainError } {
	const { category, event } = found;
	if (event.status !== 'published' && !isOrganizer(r.actor)) return { ok: false, error: new DomainError('not_found') };
	const window = rules.windowState(category, r.now);
	if (window === 'not_open') return { ok: false, error: new DomainError('registration_not_open', { status: 409 }) };
	if (window === 'closed') return { ok: false, error: new DomainError('registration_closed', { status: 409 }) };
	const checked = rules.validateAnswers(category.questions, r.input.answers ?? {});
	const fields: Record<string, string[]> = {};
	if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) fields[`answers.${k}`] = v;
	if (r.input.consent === false) fields.consent = ['reg_v_consent'];
	if (Object.keys(fields).length || !checked.ok) return { ok: false, error: new DomainError('invalid_input', { fields }) };
	return { ok: true, values: checked.values };
}

interface Row {
	ord: number;
	mine_id: string | null;
	mine_status: Status | null;
	id: string | null;
	status: Status | null;
	public_id: string | null;
	mailed: boolean | null;
	badged: boolean | null;
}

async function registerMany(batch: Request[]): Promise<Outcome[]> {
	const { eventSlug, input } = batch[0];
	let keyWasKnown = true;
	let eventId: string | undefined;
	const outcomes = await db.transaction(async (tx): Promise<Outcome[] | null> => {
		const found = await lockCategoryOf(tx, eventSlug, input.category);
		if (!found) return null;
		const { category: c, event } = found;
		eventId = event.id;
		const outcomes: (Outcome | undefined)[] = batch.map(() => undefined);
		// The place a person gets when there is room (`rules.placedStatus`); whether there is room for
		// each is `rules.hasRoom`, applied per row by register_batch (see rules.ts, "capacity").
		const room = rules.placedStatus(c);
		// A category whose last batch already waitlisted people most likely has no place for this one
		// either: its codes are not signed ahead (a place freed meanwhile gets its badge below).
		const sign = room === 'approved' && !lastBatchFull.get(c.id);
		let key = sign ? badges.knownKey(event.id) : undefined;
		if (sign && !key) {
			keyWasKnown = false;
			key = await badges.eventKey(tx, event.id);
		}
		const people = [];
		for (let i = 0; i < batch.length; i++) {
			const r = batch[i];
			const ok = check(found, r);
			if (!ok.ok) {
				outcomes[i] = { ok: false, error: ok.error };
				continue;
			}
			const publicId = newPublicId();
			const roomMail = renderStatusMail(r.actor, event.name, c.name, room);
			const waitMail = renderStatusMail(r.actor, event.name, c.name, 'waitlisted');
			people.push({
				ord: i,
				pub: publicId,
				user_id: r.actor.id,
				answers: ok.values,
				...rules.derivedColumns(c.questions, ok.values),
				consent_version: r.input.consent ? event.privacyVersion : null,
				consent_at: r.input.consent ? r.now.toISOString() : null,
				code: key ? badges.signCode(key, publicId, 1) : null,
				// The mail is rendered from the caller's account as authentication saw it; the statement
				// writes it only if the account still says so (else `statusMail` below reads it afresh).
				email: r.actor.email,
				name: r.actor.name,
				locale: r.actor.locale,
				room_kind: roomMail.kind,
				room_subject: roomMail.subject,
				room_text: roomMail.text,
				wait_kind: waitMail.kind,
				wait_subject: waitMail.subject,
				wait_text: waitMail.text
			});
		}
		if (people.length) {
			// One call: lock (again), count, and write registrations, badges and mails (drizzle/0002_register_batch.sql).
			const rows = rowsOf<Row>(
				await tx.execute(
					sql`select * from register_batch(${event.id}::uuid, ${c.id}::uuid, ${room}::registration_status, ${mail.newMailStatus()}::mail_status, ${JSON.stringify(people)}::jsonb)`
				)
			);
			if (rows.some((r) => r.status === 'waitlisted')) lastBatchFull.set(c.id, true);
			else lastBatchFull.delete(c.id);
			for (const row of rows) {
				if (row.mine_id) {
					outcomes[row.ord] = { ok: false, error: new DomainError('already_registered', { status: 409, details: { id: row.mine_id, status: row.mine_status } }) };
					continue;
				}
				const reg = { id: row.id!, status: row.status!, publicId: row.public_id! };
				// Rarer paths, same transaction: a badge that was not signed ahead, a mail to an account
				// that changed since it was authenticated (or was erased: no mail at all).
				if (reg.status === 'approved' && !row.badged) await badges.issue(tx, reg.id);
				if (!row.mailed) await statusMail(tx, reg.id, reg.status);
				outcomes[row.ord] = { ok: true, value: reg };
			}
		}
		return outcomes.map((o) => o ?? { ok: false, error: new Error('registration: no outcome') });
	});
	mail.enqueued();
	if (!keyWasKnown && eventId) await badges.eventKey(db, eventId).catch(() => undefined);
	if (outcomes) return outcomes;
	// No such category in this event, or no such event (or one this person may not see): say which.
	return Promise.all(
		batch.map(async (r): Promise<Outcome> => {
			try {
				await eventsDomain.getBySlug(r.actor, r.eventSlug);
				return { ok: false, error: new DomainError('invalid_input', { fields: { category: ['v_choice'] } }) };
			} catch (e) {
				return { ok: false, error: e };
			}
		})
	);
}
