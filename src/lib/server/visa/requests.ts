/**
 * Visa letter requests: made by the person with an approved registration, or by a partner
 * representative for its own delegates; reviewed by organizers (approve, reject with a reason, ask
 * for a correction, revoke). Anything the actor may not see answers `not_found`.
 *
 * Passport numbers and dates of birth are sealed (crypto.ts) before they reach SQL and opened only
 * for organizers; everyone else gets them masked.
 */
import { and, asc, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { db, type Executor, type Tx } from '../db';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { record } from '../audit';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { registrations } from '../registrations/tables';
import { requireId } from '../partners/scope';
import { isUniqueViolation } from '../db/errors';
import { visaLetters, visaRequests } from './tables';
import * as crypto from './crypto';
import * as rules from './rules';
import * as letters from './letters';
import { statusMail } from './notify';
import type { VisaRequestInput } from '$lib/schemas/visa';

export type Request = typeof visaRequests.$inferSelect;

/** Organizers review the requests and need the passport data for the letter and the authorities. */
export const mayReadPassport = (actor: Actor | null | undefined) => isOrganizer(actor);

/** The rows the actor may see: organizers all, a representative its delegates', anyone else their own. */
function visible(actor: Actor): SQL | undefined {
	if (isOrganizer(actor)) return undefined;
	if (actor.role === 'partner' && actor.partnerId) return or(eq(visaRequests.userId, actor.id), eq(visaRequests.partnerId, actor.partnerId), eq(registrations.partnerId, actor.partnerId));
	return eq(visaRequests.userId, actor.id);
}

const selection = {
	request: visaRequests,
	personName: users.name,
	personEmail: users.email,
	eventSlug: events.slug,
	eventName: events.name,
	registrationPartnerId: registrations.partnerId
};

function baseQuery(ex: Executor) {
	return ex
		.select(selection)
		.from(visaRequests)
		.innerJoin(users, eq(users.id, visaRequests.userId))
		.innerJoin(events, eq(events.id, visaRequests.eventId))
		.innerJoin(registrations, eq(registrations.id, visaRequests.registrationId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
type Letter = typeof visaLetters.$inferSelect;

/** The clear values (organizers) or the masked ones (everyone else); null once purged. */
function passportData(actor: Actor, r: Request) {
	const number = r.passportNumberEnc ? crypto.open(r.passportNumberEnc, crypto.context(r.id, 'passport_number')) : null;
	const dob = r.dateOfBirthEnc ? crypto.open(r.dateOfBirthEnc, crypto.context(r.id, 'date_of_birth')) : null;
	return mayReadPassport(actor) ? { passportNumber: number, dateOfBirth: dob, masked: false } : { passportNumber: rules.maskPassport(number), dateOfBirth: rules.maskDate(dob), masked: true };
}

export function toView(actor: Actor, row: Row, letter: Letter | null) {
	const r = row.request;
	return {
		id: r.id,
		event: row.eventSlug,
		eventName: row.eventName,
		registrationId: r.registrationId,
		status: r.status,
		person: { name: row.personName, email: row.personEmail },
		partnerId: r.partnerId ?? row.registrationPartnerId,
		passportName: r.passportName,
		nationality: r.nationality,
		sex: r.sex,
		...passportData(actor, r),
		passportExpiry: r.passportExpiry,
		employer: r.employer,
		position: r.position,
		entryDate: r.entryDate,
		exitDate: r.exitDate,
		consulate: r.consulate,
		entries: r.entries,
		note: r.note,
		purged: !!r.purgedAt,
		createdAt: r.createdAt.toISOString(),
		updatedAt: r.updatedAt.toISOString(),
		decidedAt: r.decidedAt?.toISOString() ?? null,
		letter: letter ? { number: letter.number, verifyId: letter.verifyId, issuedAt: letter.issuedAt.toISOString(), revokedAt: letter.revokedAt?.toISOString() ?? null } : null,
		actions: isOrganizer(actor) ? rules.organizerActions(r.status) : []
	};
}
export type RequestView = ReturnType<typeof toView>;

async function latestLetters(ex: Executor, requestIds: string[]): Promise<Map<string, Letter>> {
	const out = new Map<string, Letter>();
	if (!requestIds.length) return out;
	const rows = await ex.select().from(visaLetters).where(or(...requestIds.map((id) => eq(visaLetters.requestId, id)))).orderBy(asc(visaLetters.seq));
	for (const l of rows) out.set(l.requestId, l);
	return out;
}

/** The registration a request is for: the actor's own, or (representatives, organizers) one they name. */
async function targetRegistration(actor: Actor, eventId: string, registrationId: string | undefined) {
	const where = registrationId
		? and(eq(registrations.id, requireId(registrationId)), eq(registrations.eventId, eventId))
		: and(eq(registrations.userId, actor.id), eq(registrations.eventId, eventId));
	const [reg] = await db
		.select({ id: registrations.id, userId: registrations.userId, partnerId: registrations.partnerId, status: registrations.status })
		.from(registrations)
		.where(where)
		.limit(1);
	if (!reg) throw new DomainError(registrationId ? 'not_found' : 'visa_registration_not_approved', { status: registrationId ? 404 : 409 });
	const own = reg.userId === actor.id;
	const delegate = actor.role === 'partner' && !!actor.partnerId && reg.partnerId === actor.partnerId;
	if (!own && !delegate && !isOrganizer(actor)) throw new DomainError('not_found');
	if (reg.status !== 'approved') throw new DomainError('visa_registration_not_approved', { status: 409 });
	return { ...reg, byPartner: delegate && !own ? actor.partnerId : null };
}

async function eventDates(ex: Executor, eventId: string) {
	const [ev] = await ex.select({ id: events.id, startDate: events.startDate, endDate: events.endDate }).from(events).where(eq(events.id, eventId)).limit(1);
	if (!ev) throw new DomainError('not_found');
	return ev;
}

function checkEvent(input: VisaRequestInput, ev: { startDate: string; endDate: string }) {
	const fields = rules.checkAgainstEvent(input, ev);
	if (Object.keys(fields).length) throw new DomainError('invalid_input', { fields });
}

function sealedColumns(id: string, input: VisaRequestInput) {
	return {
		passportName: input.passportName,
		nationality: input.nationality,
		sex: input.sex,
		passportNumberEnc: crypto.seal(input.passportNumber, crypto.context(id, 'passport_number')),
		dateOfBirthEnc: crypto.seal(input.dateOfBirth, crypto.context(id, 'date_of_birth')),
		passportExpiry: input.passportExpiry,
		employer: input.employer,
		position: input.position,
		entryDate: input.entryDate,
		exitDate: input.exitDate,
		consulate: input.consulate,
		entries: input.entries
	};
}

export async function create(actor: Actor, eventId: string, input: VisaRequestInput) {
	requireUser(actor);
	crypto.dataKey();
	const reg = await targetRegistration(actor, eventId, input.registrationId);
	checkEvent(input, await eventDates(db, eventId));
	const id = randomUUID();
	try {
		await db.transaction(async (tx) => {
			const [r] = await tx
				.insert(visaRequests)
				.values({ id, eventId, registrationId: reg.id, userId: reg.userId, partnerId: reg.byPartner ?? reg.partnerId, requestedBy: actor.id, status: 'submitted', ...sealedColumns(id, input) })
				.returning();
			await statusMail(tx, r, 'submitted');
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('visa_already_requested', { status: 409 });
		throw e;
	}
	return get(actor, id);
}

async function lockVisible(tx: Tx, actor: Actor, id: string): Promise<Request> {
	requireId(id);
	const [row] = await tx
		.select({ request: visaRequests })
		.from(visaRequests)
		.innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
		.where(and(eq(visaRequests.id, id), visible(actor)))
		.for('update', { of: visaRequests });
	if (!row) throw new DomainError('not_found');
	return row.request;
}

const mayRequesterAct = (actor: Actor, r: Request) => r.userId === actor.id || r.requestedBy === actor.id || (actor.role === 'partner' && !!actor.partnerId && r.partnerId === actor.partnerId);

/** The requester changes the data while the request waits, or answers a correction (back to submitted). */
export async function update(actor: Actor, id: string, input: VisaRequestInput) {
	requireUser(actor);
	crypto.dataKey();
	await db.transaction(async (tx) => {
		const r = await lockVisible(tx, actor, id);
		if (!mayRequesterAct(actor, r) && !isOrganizer(actor)) throw new DomainError('not_found');
		if (!rules.editable(r.status)) throw new DomainError('visa_not_editable', { status: 409 });
		checkEvent(input, await eventDates(tx, r.eventId));
		const status = r.status === 'correction' ? rules.next(r.status, 'resubmit')! : r.status;
		const [u] = await tx
			.update(visaRequests)
			.set({ ...sealedColumns(r.id, input), status, updatedAt: new Date() })
			.where(eq(visaRequests.id, r.id))
			.returning();
		if (r.status === 'correction') await statusMail(tx, u, 'submitted');
	});
	return get(actor, id);
}

export async function withdraw(actor: Actor, id: string) {
	requireUser(actor);
	await db.transaction(async (tx) => {
		const r = await lockVisible(tx, actor, id);
		if (!mayRequesterAct(actor, r)) throw new DomainError('not_found');
		const to = rules.next(r.status, 'withdraw');
		if (!to) throw new DomainError('visa_bad_transition', { status: 409 });
		await tx.update(visaRequests).set({ status: to, updatedAt: new Date() }).where(eq(visaRequests.id, r.id));
	});
	return get(actor, id);
}

/**
 * An organizer's decision, in one transaction with the request row locked: approving takes the next
 * letter number under the counter's lock and signs the letter; asking for a correction of an
 * approved request, or revoking it, revokes its letter.
 */
export async function decide(actor: Actor, id: string, action: Exclude<rules.Action, 'resubmit' | 'withdraw'>, note?: string) {
	if (!isOrganizer(requireUser(actor))) throw new DomainError('forbidden');
	if ((action === 'reject' || action === 'correct') && !note) throw new DomainError('invalid_input', { fields: { note: ['v_visa_reason'] } });
	await db.transaction(async (tx) => {
		const r = await lockVisible(tx, actor, id);
		const to = rules.next(r.status, action);
		if (!to) throw new DomainError('visa_bad_transition', { status: 409 });
		let number: string | undefined;
		if (action === 'approve') number = (await letters.issue(tx, r)).number;
		if (r.status === 'approved') await letters.revoke(tx, r.id, action === 'correct' ? 'corrected' : 'revoked');
		const [u] = await tx
			.update(visaRequests)
			.set({ status: to, note: action === 'approve' ? null : (note ?? r.note), decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() })
			.where(eq(visaRequests.id, r.id))
			.returning();
		await record(actor, `visa.${action}`, { targetType: 'visa_request', targetId: r.id, eventId: r.eventId, data: number ? { number } : note ? { note } : undefined }, tx);
		await statusMail(tx, u, action === 'correct' ? 'correction' : action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'revoked', number);
	});
	return get(actor, id);
}

export async function get(actor: Actor, id: string, ex: Executor = db): Promise<RequestView> {
	requireUser(actor);
	requireId(id);
	const [row] = await baseQuery(ex)
		.where(and(eq(visaRequests.id, id), visible(actor)))
		.limit(1);
	if (!row) throw new DomainError('not_found');
	return toView(actor, row, (await latestLetters(ex, [id])).get(id) ?? null);
}

/** The requests of an edition the actor may see, newest first. */
export async function list(actor: Actor, eventId: string, filter: { status?: rules.Status } = {}): Promise<RequestView[]> {
	requireUser(actor);
	const rows = await baseQuery(db)
		.where(and(eq(visaRequests.eventId, eventId), visible(actor), filter.status ? eq(visaRequests.status, filter.status) : undefined))
		.orderBy(desc(visaRequests.createdAt))
		.limit(2000);
	const ls = await latestLetters(
		db,
		rows.map((r) => r.request.id)
	);
	return rows.map((r) => toView(actor, r, ls.get(r.request.id) ?? null));
}

/** A representative's delegates with an approved registration: whom it may request letters for. */
export async function delegates(actor: Actor, eventId: string) {
	requireUser(actor);
	if (actor.role !== 'partner' || !actor.partnerId) throw new DomainError('forbidden');
	return db
		.select({ registrationId: registrations.id, name: users.name, email: users.email, requestId: visaRequests.id })
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.leftJoin(visaRequests, eq(visaRequests.registrationId, registrations.id))
		.where(and(eq(registrations.eventId, eventId), eq(registrations.partnerId, actor.partnerId), eq(registrations.status, 'approved'), isNull(users.erasedAt)))
		.orderBy(asc(users.name));
}

/** The actor's own registration state for the edition: may they request a letter? */
export async function eligibility(actor: Actor, eventId: string): Promise<'approved' | 'not_approved' | 'none'> {
	const [reg] = await db.select({ status: registrations.status }).from(registrations).where(and(eq(registrations.userId, actor.id), eq(registrations.eventId, eventId))).limit(1);
	return !reg ? 'none' : reg.status === 'approved' ? 'approved' : 'not_approved';
}

/** The actor's own request for the edition, if any. */
/** Every request about the actor, in every edition, as they may see them (passport data masked): their data export. */
export async function aboutMe(actor: Actor): Promise<RequestView[]> {
	requireUser(actor);
	const rows = await baseQuery(db).where(eq(visaRequests.userId, actor.id)).orderBy(desc(visaRequests.createdAt));
	const ls = await latestLetters(
		db,
		rows.map((r) => r.request.id)
	);
	return rows.map((r) => toView(actor, r, ls.get(r.request.id) ?? null));
}

export async function mine(actor: Actor, eventId: string): Promise<RequestView | null> {
	requireUser(actor);
	const [row] = await baseQuery(db)
		.where(and(eq(visaRequests.eventId, eventId), eq(visaRequests.userId, actor.id)))
		.limit(1);
	return row ? toView(actor, row, (await latestLetters(db, [row.request.id])).get(row.request.id) ?? null) : null;
}
