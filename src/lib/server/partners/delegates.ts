/**
 * Delegations: a partner nominates people for an edition, each gets a personal invitation that
 * registers them under the partner. The quota invariant (never more held nominations than the
 * edition's delegate quota) is kept by locking the partner_editions row FOR UPDATE in every
 * transaction that adds nominations: concurrent nominations queue on that row, each counts what
 * the previous ones committed.
 */
import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { parse as parseCsv } from 'csv-parse/sync';
import { scans } from '../checkin/tables';
import { db, type Executor, type Tx } from '../db';
import { isUniqueViolation } from '../db/errors';
import { delegates, partnerEditions, partners } from './tables';
import { events } from '../events/tables';
import { categories, registrations } from '../registrations/tables';
import { badges } from '../badges/tables';
import { users } from '../auth/tables';
import { DomainError } from '../errors';
import { isOrganizer, requireArea, requireUser, type Actor } from '../auth/access';
import { generateToken, hashToken } from '../auth/tokens';
import { newPublicId } from '../registrations/public-id';
import { record } from '../audit';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import { nomineeSchema, type NomineeInput } from '$lib/schemas/partners';
import { localizeIssues } from '$lib/i18n/errors';
import { INVITATION_TTL_MS, delegateStage, quotaLeft, toCsv } from './rules';
import { baseUrl, requireId, requirePartnerAccess } from './scope';
import { lockPartnerEdition } from './editions';
import type { Locale } from '$lib/i18n/text';
import { localDate } from '$lib/time';
import { COUNTRY_CODES } from '../registrations/countries';

/** The schema checks the shape (two letters); the list decides whether it names a region. */
const knownCountry = (c: string | undefined) => !c || COUNTRY_CODES.has(c);

export const MAX_CSV_ROWS = 500;
export const MAX_CSV_BYTES = 512 * 1024;

/**
 * The nominations that hold a quota place at `now`: accepted ones, and invitations still open. An
 * invitation that expired gives its place back by itself (no job has to flip its status): the rule
 * lives in the very count that enforces the quota, so what the portal shows and what a nomination
 * is refused by cannot disagree.
 */
export function holdsPlace(now: Date) {
	return or(eq(delegates.status, 'accepted'), and(eq(delegates.status, 'invited'), gt(delegates.expiresAt, now)))!;
}

/** The category an edition's delegates register in when its organizers chose none for a partner. */
export const STANDARD_CATEGORY = 'overseas-talent';

/**
 * The category a nomination registers its delegate in: the one organizers chose for this nomination,
 * else the partner's default for the edition, else the edition's standard category. As SQL over
 * `delegates` left-joined to `partner_editions` and `standardCategory` (see `list`, `invitation`).
 */
const standardCategory = alias(categories, 'standard_category');
const chosenCategory = sql`coalesce(${delegates.categoryId}, ${partnerEditions.categoryId}, ${standardCategory.id})`;
const editionOfDelegate = and(eq(partnerEditions.partnerId, delegates.partnerId), eq(partnerEditions.eventId, delegates.eventId));
const standardOfDelegate = and(eq(standardCategory.eventId, delegates.eventId), eq(standardCategory.slug, STANDARD_CATEGORY));

/** The id of a category of this event, or invalid_input on `field` (a category of another event is no choice). */
export async function requireEventCategory(ex: Executor, eventId: string, categoryId: string, field = 'categoryId') {
	const [c] = await ex.select({ id: categories.id }).from(categories).where(and(eq(categories.id, requireCategoryId(categoryId, field)), eq(categories.eventId, eventId))).limit(1);
	if (!c) throw new DomainError('invalid_input', { fields: { [field]: ['v_choice'] } });
	return c.id;
}

function requireCategoryId(id: string, field: string) {
	try {
		return requireId(id);
	} catch {
		throw new DomainError('invalid_input', { fields: { [field]: ['v_choice'] } });
	}
}

/** The category id a nomination resolves to, given its edition row; null when the event has none to offer. */
async function resolveCategory(ex: Executor, eventId: string, own: string | null, edition: { categoryId: string | null }) {
	if (own ?? edition.categoryId) return (own ?? edition.categoryId)!;
	const [std] = await ex.select({ id: categories.id }).from(categories).where(and(eq(categories.eventId, eventId), eq(categories.slug, STANDARD_CATEGORY))).limit(1);
	return std?.id ?? null;
}

/**
 * Locks the edition row (`editions.ts`) and returns how many delegate places are left at `now`
 * (`except`: a nomination not to count, the one being accepted), counted after the lock.
 */
async function lockEdition(tx: Tx, partnerId: string, eventId: string, now: Date, except?: string) {
	const ed = await lockPartnerEdition(tx, partnerId, eventId);
	const [{ held }] = await tx
		.select({ held: sql<number>`count(*)::int` })
		.from(delegates)
		.where(and(eq(delegates.partnerId, partnerId), eq(delegates.eventId, eventId), holdsPlace(now), except ? ne(delegates.id, except) : undefined));
	return { edition: ed, left: quotaLeft(ed.delegateQuota, held) };
}

async function context(tx: Executor, partnerId: string, eventId: string) {
	const [row] = await tx
		.select({ partner: partners, event: events })
		.from(partners)
		.innerJoin(events, eq(events.id, eventId))
		.where(eq(partners.id, partnerId))
		.limit(1);
	if (!row) throw new DomainError('not_found');
	if (row.partner.status !== 'active') throw new DomainError('partner_suspended', { status: 409 });
	return row;
}

async function mailInvitation(tx: Executor, d: { name: string; email: string }, token: string, ctx: { partner: typeof partners.$inferSelect; event: typeof events.$inferSelect }, locale: Locale) {
	const link = `${baseUrl()}/invitations/${token}`;
	const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
	const body = (l: Locale) =>
		t('ptn_mail_delegate_body', l, {
			name: d.name,
			partner: l === 'en' ? ctx.partner.name.en : ctx.partner.name.zh,
			event: l === 'en' ? ctx.event.name.en : ctx.event.name.zh,
			link
		});
	await mail.enqueue(
		{
			to: d.email,
			kind: 'partner_delegate_invite',
			locale,
			subject: t('ptn_mail_delegate_subject', locale, { event: locale === 'en' ? ctx.event.name.en : ctx.event.name.zh }),
			text: `${body(locale)}\n\n${body(other)}\n\n${t('mail_footer', locale)}`
		},
		tx
	);
}

async function insertNominees(tx: Tx, actor: Actor, partnerId: string, eventId: string, list: NomineeInput[], now = new Date()) {
	const ctx = await context(tx, partnerId, eventId);
	const { left, edition } = await lockEdition(tx, partnerId, eventId, now);
	if (list.some((n) => !knownCountry(n.country))) throw new DomainError('invalid_input', { fields: { country: ['v_ptn_country'] } });
	if (list.length > left) throw new DomainError('delegate_quota_full', { status: 409, details: { left, asked: list.length } });
	// Refused now rather than when the delegate accepts: nobody could register through the link.
	if (!(await resolveCategory(tx, eventId, null, edition))) throw new DomainError('partner_category_missing', { status: 409 });
	const emails = list.map((n) => n.email);
	const dup = await tx
		.select({ email: delegates.email })
		.from(delegates)
		.where(and(eq(delegates.partnerId, partnerId), eq(delegates.eventId, eventId), ne(delegates.status, 'withdrawn'), inArray(delegates.email, emails)));
	if (dup.length) throw new DomainError('already_nominated', { status: 409, details: { email: dup[0].email }, fields: { email: ['e_already_nominated'] } });
	const out: { id: string; token: string }[] = [];
	for (const n of list) {
		const token = generateToken();
		const [d] = await tx
			.insert(delegates)
			.values({ partnerId, eventId, ...n, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), sentAt: now })
			.returning({ id: delegates.id });
		await mailInvitation(tx, n, token, ctx, actor.locale);
		out.push({ id: d.id, token });
	}
	await record(actor, 'partner.nominate', { targetType: 'partner', targetId: partnerId, eventId, data: { count: list.length } }, tx);
	return out;
}

/** The partner a verb acts for: the representative's own, or any for organizers (given explicitly). */
function actingPartner(actor: Actor, partnerId?: string): string {
	const a = requireUser(actor);
	const id = a.role === 'partner' ? a.partnerId : isOrganizer(a) ? partnerId : null;
	if (!id) throw new DomainError('forbidden');
	requirePartnerAccess(a, id);
	return id;
}

export async function nominate(actor: Actor, eventId: string, input: NomineeInput, partnerId?: string, now = new Date()) {
	const pid = actingPartner(actor, partnerId);
	const [d] = await db.transaction((tx) => insertNominees(tx, actor, pid, eventId, [input], now));
	return d;
}

export interface CsvProblem {
	line: number;
	reason: string;
}

/** Parses and validates a nominee CSV; returns rows or the problems with their line numbers. */
export function parseNominees(text: string, locale: Locale): { rows: NomineeInput[]; problems: CsvProblem[] } {
	let records: { record: Record<string, string>; line: number }[];
	try {
		records = (
			parseCsv(text.replace(/^\uFEFF/, ''), {
				columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
				skip_empty_lines: true,
				trim: true,
				relax_column_count: false,
				info: true,
				max_record_size: 8192
			}) as { record: Record<string, string>; info: { lines: number } }[]
		).map((r) => ({ record: r.record, line: r.info.lines }));
	} catch (e) {
		const line = (e as { lines?: number }).lines ?? 1;
		return { rows: [], problems: [{ line, reason: t('ptn_csv_malformed', locale, { detail: (e as Error).message }) }] };
	}
	const problems: CsvProblem[] = [];
	const rows: NomineeInput[] = [];
	if (records.length === 0) problems.push({ line: 1, reason: t('ptn_csv_empty', locale) });
	if (records.length > MAX_CSV_ROWS) problems.push({ line: 1, reason: t('ptn_csv_too_many', locale, { max: MAX_CSV_ROWS }) });
	const seen = new Map<string, number>();
	for (const { record, line } of records) {
		const r = nomineeSchema.safeParse(record);
		if (!r.success) {
			const fields = localizeIssues(r.error, locale);
			problems.push({ line, reason: Object.entries(fields).map(([f, msgs]) => `${f}: ${msgs.join(' ')}`).join('; ') });
			continue;
		}
		if (!knownCountry(r.data.country)) {
			problems.push({ line, reason: `country: ${t('v_ptn_country', locale)}` });
			continue;
		}
		const first = seen.get(r.data.email);
		if (first) {
			problems.push({ line, reason: t('ptn_csv_duplicate', locale, { line: first }) });
			continue;
		}
		seen.set(r.data.email, line);
		rows.push(r.data);
	}
	return { rows, problems };
}

/** All rows or none: bad rows are reported with line and reason and nothing is imported. */
export async function importCsv(actor: Actor, eventId: string, text: string, partnerId?: string) {
	const pid = actingPartner(actor, partnerId);
	if (text.length > MAX_CSV_BYTES) throw new DomainError('upload_too_large', { status: 413 });
	const { rows, problems } = parseNominees(text, actor.locale);
	if (problems.length) throw new DomainError('ptn_csv_invalid', { details: { problems } });
	const created = await db.transaction((tx) => insertNominees(tx, actor, pid, eventId, rows));
	return { imported: created.length };
}

async function ownDelegate(tx: Executor, actor: Actor, id: string, lock = false) {
	requireId(id);
	const q = tx.select().from(delegates).where(eq(delegates.id, id)).limit(1);
	const [d] = lock ? await q.for('update') : await q;
	if (!d) throw new DomainError('not_found');
	requirePartnerAccess(actor, d.partnerId);
	return d;
}

/**
 * A fresh link (the old one stops working) and a new expiry, mailed again. An open invitation keeps
 * its place; an expired one gave it back, so renewing it takes a place again and is refused
 * (`delegate_quota_full`) when none is free.
 */
export async function resend(actor: Actor, id: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const d = await ownDelegate(tx, actor, id, true);
		if (d.status !== 'invited') throw new DomainError('invitation_closed', { status: 409 });
		const ctx = await context(tx, d.partnerId, d.eventId);
		if (d.expiresAt.getTime() <= now.getTime()) {
			const { left } = await lockEdition(tx, d.partnerId, d.eventId, now);
			if (left < 1) throw new DomainError('delegate_quota_full', { status: 409 });
		}
		const token = generateToken();
		await tx
			.update(delegates)
			.set({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), sentAt: now })
			.where(eq(delegates.id, id));
		await mailInvitation(tx, d, token, ctx, actor.locale);
		await record(actor, 'partner.nominee_resend', { targetType: 'delegate', targetId: id, eventId: d.eventId, data: { renewedExpired: d.expiresAt.getTime() <= now.getTime() } }, tx);
		return { token };
	});
}

/** Withdrawing frees the quota place; an accepted nomination keeps its registration (cancel that there). */
export async function withdraw(actor: Actor, id: string) {
	await db.transaction(async (tx) => {
		const d = await ownDelegate(tx, actor, id, true);
		if (d.status !== 'invited') throw new DomainError('invitation_closed', { status: 409 });
		await tx.update(delegates).set({ status: 'withdrawn' }).where(eq(delegates.id, id));
		await record(actor, 'partner.nominee_withdraw', { targetType: 'delegate', targetId: id, eventId: d.eventId }, tx);
	});
}

/**
 * Organizers choose the registration category of one nomination (null: the partner's default). Only
 * while the invitation is open or expired: an accepted one already has its registration, whose
 * category is changed there.
 */
export async function setCategory(actor: Actor, id: string, categoryId: string | null) {
	requireArea(actor, 'organizer');
	await db.transaction(async (tx) => {
		const d = await ownDelegate(tx, actor, id, true);
		if (d.status !== 'invited') throw new DomainError('invitation_closed', { status: 409 });
		const chosen = categoryId ? await requireEventCategory(tx, d.eventId, categoryId) : null;
		await tx.update(delegates).set({ categoryId: chosen }).where(eq(delegates.id, id));
		await record(actor, 'partner.nominee_category', { targetType: 'delegate', targetId: id, eventId: d.eventId, data: { categoryId: chosen } }, tx);
	});
}

/** The day a registration was first admitted at any checkpoint, by registration id. */
export async function checkedInDays(registrationIds: string[]): Promise<Map<string, string>> {
	if (!registrationIds.length) return new Map();
	const rows = await db
		.select({ registrationId: scans.registrationId, first: sql<string>`min(${scans.scannedAt})`, timeZone: events.timeZone })
		.from(scans)
		.innerJoin(events, eq(events.id, scans.eventId))
		.where(and(inArray(scans.registrationId, registrationIds), eq(scans.result, 'admitted')))
		.groupBy(scans.registrationId, events.timeZone);
	// The day of the first admission, in the event's own time zone.
	return new Map(rows.map((r) => [r.registrationId!, localDate(new Date(r.first), r.timeZone)]));
}

/** Each delegate of a partner in an edition, with their progress. */
export async function list(actor: Actor, partnerId: string, eventId: string, now = new Date()) {
	requirePartnerAccess(actor, partnerId);
	const rows = await db
		.select({
			id: delegates.id,
			name: delegates.name,
			email: delegates.email,
			institution: delegates.institution,
			country: delegates.country,
			field: delegates.field,
			degree: delegates.degree,
			bio: delegates.bio,
			status: delegates.status,
			expiresAt: delegates.expiresAt,
			sentAt: delegates.sentAt,
			acceptedAt: delegates.acceptedAt,
			registrationId: delegates.registrationId,
			registrationStatus: registrations.status,
			badgeIssued: sql<boolean>`exists (select 1 from ${badges} where ${badges.registrationId} = ${delegates.registrationId} and ${badges.revokedAt} is null)`,
			/** The organizers' choice for this nomination (null: the partner's default). */
			categoryChoice: delegates.categoryId,
			/** Where the delegate registers (or, once registered, did). */
			category: { id: categories.id, slug: categories.slug, name: categories.name }
		})
		.from(delegates)
		.leftJoin(registrations, eq(registrations.id, delegates.registrationId))
		.leftJoin(partnerEditions, editionOfDelegate)
		.leftJoin(standardCategory, standardOfDelegate)
		.leftJoin(categories, eq(categories.id, sql`coalesce(${registrations.categoryId}, ${chosenCategory})`))
		.where(and(eq(delegates.partnerId, partnerId), eq(delegates.eventId, eventId)))
		.orderBy(asc(delegates.createdAt));
	const checked = await checkedInDays(rows.flatMap((r) => (r.registrationId ? [r.registrationId] : [])));
	return rows.map((r) => {
		const checkedInDay = r.registrationId ? (checked.get(r.registrationId) ?? null) : null;
		return { ...r, checkedInDay, stage: delegateStage({ ...r, checkedInDay, now }) };
	});
}

export async function quota(actor: Actor, partnerId: string, eventId: string, now = new Date()) {
	requirePartnerAccess(actor, partnerId);
	const [ed] = await db
		.select()
		.from(partnerEditions)
		.where(and(eq(partnerEditions.partnerId, partnerId), eq(partnerEditions.eventId, eventId)))
		.limit(1);
	if (!ed) return null;
	const [{ held }] = await db
		.select({ held: sql<number>`count(*)::int` })
		.from(delegates)
		.where(and(eq(delegates.partnerId, partnerId), eq(delegates.eventId, eventId), holdsPlace(now)));
	return { delegateQuota: ed.delegateQuota, projectQuota: ed.projectQuota, delegatesHeld: held };
}

export async function exportCsv(actor: Actor, partnerId: string, eventId: string) {
	const rows = await list(actor, partnerId, eventId);
	return toCsv(
		['name', 'email', 'institution', 'country', 'field', 'degree', 'status', 'invited_at', 'registered_at', 'checked_in_day'],
		rows.map((r) => [r.name, r.email, r.institution, r.country, r.field, r.degree, r.stage, r.sentAt.toISOString(), r.acceptedAt?.toISOString() ?? '', r.checkedInDay ?? ''])
	);
}

// ---- acceptance ------------------------------------------------------------------------------

/** The open invitation behind a token, or null if unknown, used, withdrawn or expired. */
export async function invitation(token: string, now = new Date()) {
	const [row] = await db
		.select({ delegate: delegates, partnerName: partners.name, event: events, categoryName: categories.name })
		.from(delegates)
		.innerJoin(partners, eq(partners.id, delegates.partnerId))
		.innerJoin(events, eq(events.id, delegates.eventId))
		.leftJoin(partnerEditions, editionOfDelegate)
		.leftJoin(standardCategory, standardOfDelegate)
		.leftJoin(categories, eq(categories.id, chosenCategory))
		.where(and(eq(delegates.tokenHash, hashToken(token)), eq(delegates.status, 'invited'), gt(delegates.expiresAt, now)))
		.limit(1);
	if (!row) return null;
	const { tokenHash: _h, ...d } = row.delegate;
	return { delegate: d, partnerName: row.partnerName, event: row.event, categoryName: row.categoryName };
}

/**
 * The invited person takes their place: one transaction claims the invitation (single use, the
 * signed-in email must be the invited one) and inserts the registration as `pending` under the
 * partner, in the category the nomination resolves to (`chosenCategory`). It skips the public capacity queue: the place was
 * counted against the partner's quota when the nomination was made (and is checked again here).
 */
export async function accept(actor: Actor, token: string, now = new Date()) {
	const a = requireUser(actor);
	try {
		return await db.transaction(async (tx) => {
			const [d] = await tx
				.select()
				.from(delegates)
				.where(and(eq(delegates.tokenHash, hashToken(token)), eq(delegates.status, 'invited'), gt(delegates.expiresAt, now)))
				.for('update')
				.limit(1);
			if (!d) throw new DomainError('invalid_token');
			if (d.email !== a.email) throw new DomainError('invitation_other_email', { status: 403, details: { email: d.email } });
			// The place this invitation holds must still be there: a nomination that counted it as
			// expired (another clock, a moment later) may have taken it. The edition lock orders this
			// against nominations, so the partner never ends up over its quota.
			const { left, edition } = await lockEdition(tx, d.partnerId, d.eventId, now, d.id);
			if (left < 1) throw new DomainError('delegate_quota_full', { status: 409 });
			const categoryId = await resolveCategory(tx, d.eventId, d.categoryId, edition);
			if (!categoryId) throw new DomainError('partner_category_missing', { status: 409 });
			const [ev] = await tx.select({ privacyVersion: events.privacyVersion }).from(events).where(eq(events.id, d.eventId));
			const [reg] = await tx
				.insert(registrations)
				.values({
					publicId: newPublicId(),
					eventId: d.eventId,
					userId: a.id,
					categoryId,
					partnerId: d.partnerId,
					status: 'pending',
					answers: { field: d.field ?? '', country: d.country ?? '' },
					country: d.country,
					field: d.field,
					consentVersion: ev.privacyVersion,
					consentAt: now
				})
				.returning({ id: registrations.id });
			await tx.update(delegates).set({ status: 'accepted', acceptedAt: now, userId: a.id, registrationId: reg.id }).where(eq(delegates.id, d.id));
			if (d.institution) await tx.update(users).set({ organization: d.institution }).where(and(eq(users.id, a.id), isNull(users.organization)));
			await record(a, 'partner.nominee_accept', { targetType: 'registration', targetId: reg.id, eventId: d.eventId, data: { delegate: d.id } }, tx);
			return { registrationId: reg.id, eventId: d.eventId };
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('invitation_already_registered', { status: 409 });
		throw e;
	}
}
