/** Organizers manage partner organisations, their quotas per edition, and invite representatives. */
import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { partnerEditions, partnerRepInvites, partners, delegates, projects } from './tables';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { DomainError } from '../errors';
import { requireArea, requireUser, type Actor } from '../auth/access';
import { generateToken, hashToken } from '../auth/tokens';
import { record } from '../audit';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import type { PartnerInput, PartnerProfileInput } from '$lib/schemas/partners';
import { INVITATION_TTL_MS, LOGO_EXT, sniffLogo } from './rules';
import { baseUrl, ownPartner, requirePartnerAccess } from './scope';
import * as files from './files';
import { holdsPlace, requireEventCategory, STANDARD_CATEGORY } from './delegates';
import { categories } from '../registrations/tables';
import { clearCache as clearTokenCache } from '../auth/api-tokens';
import { COUNTRY_CODES } from '../registrations/countries';

function requireKnownCountry(input: PartnerInput) {
	if (!COUNTRY_CODES.has(input.country)) throw new DomainError('invalid_input', { fields: { country: ['v_ptn_country'] } });
}

function row(input: PartnerInput) {
	return {
		slug: input.slug,
		name: { zh: input.nameZh, en: input.nameEn },
		kind: input.kind,
		city: { zh: input.cityZh, en: input.cityEn },
		country: input.country,
		timeZone: input.timeZone,
		fields: input.fields,
		website: input.website ?? null,
		description: input.descriptionZh || input.descriptionEn ? { zh: input.descriptionZh ?? '', en: input.descriptionEn ?? '' } : null,
		contacts: input.contactName || input.contactEmail ? [{ name: input.contactName ?? '', email: input.contactEmail ?? '', ...(input.contactPhone ? { phone: input.contactPhone } : {}) }] : [],
		plaqueYear: input.plaqueYear ?? null,
		latitude: input.latitude ?? null,
		longitude: input.longitude ?? null,
		status: input.status
	};
}

/** The flat form values of a partner (the inverse of `row`). */
export function toForm(p: typeof partners.$inferSelect): Record<string, string> {
	const c = p.contacts[0];
	return {
		slug: p.slug,
		nameZh: p.name.zh,
		nameEn: p.name.en,
		kind: p.kind,
		cityZh: p.city.zh,
		cityEn: p.city.en,
		country: p.country,
		timeZone: p.timeZone,
		fields: p.fields.join(','),
		website: p.website ?? '',
		descriptionZh: p.description?.zh ?? '',
		descriptionEn: p.description?.en ?? '',
		contactName: c?.name ?? '',
		contactEmail: c?.email ?? '',
		contactPhone: c?.phone ?? '',
		plaqueYear: p.plaqueYear?.toString() ?? '',
		latitude: p.latitude?.toString() ?? '',
		longitude: p.longitude?.toString() ?? '',
		status: p.status
	};
}

/** Every partner with its quotas and usage in one edition. */
export async function overview(actor: Actor, eventId: string | null, now = new Date()) {
	requireArea(actor, 'organizer');
	const list = await db.select().from(partners).orderBy(asc(partners.slug));
	if (!eventId) return list.map((p) => ({ ...p, edition: null, delegatesHeld: 0, projectsHeld: 0 }));
	const eds = await db.select().from(partnerEditions).where(eq(partnerEditions.eventId, eventId));
	const dl = await db
		.select({ partnerId: delegates.partnerId, n: sql<number>`count(*)::int` })
		.from(delegates)
		.where(and(eq(delegates.eventId, eventId), holdsPlace(now)))
		.groupBy(delegates.partnerId);
	const pj = await db
		.select({ partnerId: projects.partnerId, n: sql<number>`count(*)::int` })
		.from(projects)
		.where(and(eq(projects.eventId, eventId), ne(projects.status, 'withdrawn')))
		.groupBy(projects.partnerId);
	return list.map((p) => ({
		...p,
		edition: eds.find((e) => e.partnerId === p.id) ?? null,
		delegatesHeld: dl.find((d) => d.partnerId === p.id)?.n ?? 0,
		projectsHeld: pj.find((d) => d.partnerId === p.id)?.n ?? 0
	}));
}

export async function get(actor: Actor, id: string) {
	requirePartnerAccess(actor, id);
	const [p] = await db.select().from(partners).where(eq(partners.id, id)).limit(1);
	if (!p) throw new DomainError('not_found');
	return p;
}

export async function create(actor: Actor, input: PartnerInput) {
	requireArea(actor, 'organizer');
	requireKnownCountry(input);
	try {
		const [p] = await db.insert(partners).values(row(input)).returning();
		await record(actor, 'partner.create', { targetType: 'partner', targetId: p.id, data: { slug: p.slug } });
		return p;
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('partner_slug_taken', { status: 409, fields: { slug: ['e_partner_slug_taken'] } });
		throw e;
	}
}

export async function update(actor: Actor, id: string, input: PartnerInput) {
	requireArea(actor, 'organizer');
	requireKnownCountry(input);
	try {
		const [p] = await db.update(partners).set(row(input)).where(eq(partners.id, id)).returning();
		if (!p) throw new DomainError('not_found');
		await record(actor, 'partner.update', { targetType: 'partner', targetId: id, data: { status: p.status } });
		return p;
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('partner_slug_taken', { status: 409, fields: { slug: ['e_partner_slug_taken'] } });
		throw e;
	}
}

/** A representative edits their own organisation's public profile (not slug, kind, status, plaque). */
export async function updateOwnProfile(actor: Actor, input: PartnerProfileInput) {
	const partnerId = ownPartner(actor);
	const current = await get(actor, partnerId);
	const merged = { ...toForm(current), ...input };
	const r = row({ ...merged, kind: current.kind, status: current.status, fields: input.fields, plaqueYear: current.plaqueYear ?? undefined, latitude: current.latitude ?? undefined, longitude: current.longitude ?? undefined } as PartnerInput);
	const { slug: _s, kind: _k, status: _st, plaqueYear: _p, latitude: _la, longitude: _lo, country: _c, ...editable } = r;
	await db.update(partners).set(editable).where(eq(partners.id, partnerId));
	await record(actor, 'partner.profile_update', { targetType: 'partner', targetId: partnerId });
}

export async function setLogo(actor: Actor, id: string, bytes: Uint8Array) {
	requireArea(actor, 'organizer');
	const type = sniffLogo(bytes);
	if (!type) throw new DomainError('upload_wrong_type', { fields: { logo: ['e_upload_wrong_type'] } });
	const current = await get(actor, id);
	const rel = await files.store('logos', LOGO_EXT[type], bytes);
	await db.update(partners).set({ logo: rel }).where(eq(partners.id, id));
	await files.remove(current.logo);
	return rel;
}

/** Public: logos appear in the directory. Suspended partners' logos are not served. */
export async function logo(slug: string) {
	const [p] = await db.select({ logo: partners.logo, status: partners.status }).from(partners).where(eq(partners.slug, slug)).limit(1);
	if (!p?.logo || p.status !== 'active') throw new DomainError('not_found');
	const bytes = await files.load(p.logo);
	return { bytes, type: sniffLogo(bytes) ?? 'application/octet-stream' };
}

/**
 * An edition's quotas for a partner and the category its delegates register in (`categoryId`: null
 * for the standard one, absent to leave it as it is). Lowering a quota below the places held refuses
 * new nominations only; nobody is dropped.
 */
export async function setQuota(actor: Actor, partnerId: string, input: { eventId: string; delegateQuota: number; projectQuota: number; categoryId?: string | null }) {
	requireArea(actor, 'organizer');
	await get(actor, partnerId);
	const [ev] = await db.select({ id: events.id }).from(events).where(eq(events.id, input.eventId)).limit(1);
	if (!ev) throw new DomainError('not_found');
	const categoryId = input.categoryId ? await requireEventCategory(db, ev.id, input.categoryId) : input.categoryId;
	const values = { delegateQuota: input.delegateQuota, projectQuota: input.projectQuota, ...(categoryId === undefined ? {} : { categoryId }) };
	await db
		.insert(partnerEditions)
		.values({ partnerId, eventId: ev.id, ...values })
		.onConflictDoUpdate({ target: [partnerEditions.partnerId, partnerEditions.eventId], set: values });
	await record(actor, 'partner.quota', { targetType: 'partner', targetId: partnerId, eventId: input.eventId, data: { ...input, categoryId } });
}

export async function editions(actor: Actor, partnerId: string) {
	requirePartnerAccess(actor, partnerId);
	return db
		.select({
			eventId: events.id,
			slug: events.slug,
			name: events.name,
			delegateQuota: partnerEditions.delegateQuota,
			projectQuota: partnerEditions.projectQuota,
			categoryId: partnerEditions.categoryId
		})
		.from(events)
		.leftJoin(partnerEditions, and(eq(partnerEditions.eventId, events.id), eq(partnerEditions.partnerId, partnerId)))
		.orderBy(desc(events.startDate));
}

/**
 * The registration categories organizers can give partners' delegates, per event, with the one that
 * applies when they choose none (`standard`, null if the event has no `overseas-talent` category).
 */
export async function categoryOptions(actor: Actor, eventIds: string[]) {
	requireArea(actor, 'organizer');
	const rows = eventIds.length
		? await db
				.select({ id: categories.id, eventId: categories.eventId, slug: categories.slug, name: categories.name })
				.from(categories)
				.where(inArray(categories.eventId, eventIds))
				.orderBy(asc(categories.position), asc(categories.slug))
		: [];
	return Object.fromEntries(
		eventIds.map((id) => {
			const list = rows.filter((c) => c.eventId === id).map(({ eventId: _e, ...c }) => c);
			return [id, { categories: list, standard: list.find((c) => c.slug === STANDARD_CATEGORY) ?? null }];
		})
	);
}

// ---- representatives ------------------------------------------------------------------------

export async function inviteRepresentative(actor: Actor, partnerId: string, input: { email: string; name: string }) {
	requireArea(actor, 'organizer');
	const partner = await get(actor, partnerId);
	const token = generateToken();
	await db.transaction(async (tx) => {
		const [inv] = await tx
			.insert(partnerRepInvites)
			.values({ partnerId, email: input.email, name: input.name, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
			.returning();
		const locale = 'en' as const;
		const link = `${baseUrl()}/invitations/partner/${token}`;
		await mail.enqueue(
			{
				to: input.email,
				kind: 'partner_rep_invite',
				locale,
				subject: `${t('ptn_mail_rep_subject', 'zh-CN', { partner: partner.name.zh })} / ${t('ptn_mail_rep_subject', locale, { partner: partner.name.en })}`,
				text: `${t('ptn_mail_rep_body', 'zh-CN', { name: input.name, partner: partner.name.zh, link })}\n\n${t('ptn_mail_rep_body', locale, { name: input.name, partner: partner.name.en, link })}\n\n${t('mail_footer', locale)}`
			},
			tx
		);
		await record(actor, 'partner.rep_invite', { targetType: 'partner', targetId: partnerId, data: { invite: inv.id, email: input.email } }, tx);
	});
	return { token };
}

export async function representatives(actor: Actor, partnerId: string) {
	requireArea(actor, 'organizer');
	const [reps, invites] = await Promise.all([
		db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(eq(users.partnerId, partnerId), eq(users.role, 'partner'))),
		db.select().from(partnerRepInvites).where(eq(partnerRepInvites.partnerId, partnerId)).orderBy(desc(partnerRepInvites.createdAt))
	]);
	return { reps, invites: invites.map(({ tokenHash: _h, ...i }) => i) };
}

/** The open invitation for a token, or null (unknown, used or expired). */
export async function repInvitation(token: string, now = new Date()) {
	const [inv] = await db
		.select({ id: partnerRepInvites.id, email: partnerRepInvites.email, name: partnerRepInvites.name, partnerName: partners.name, partnerId: partners.id })
		.from(partnerRepInvites)
		.innerJoin(partners, eq(partners.id, partnerRepInvites.partnerId))
		.where(and(eq(partnerRepInvites.tokenHash, hashToken(token)), isNull(partnerRepInvites.acceptedAt), gt(partnerRepInvites.expiresAt, now)))
		.limit(1);
	return inv ?? null;
}

/**
 * Binds the signed-in account (whose email must be the invited one) to the partner. Single use: the
 * invitation is claimed by one conditional update. Staff, organizers and admins are never demoted,
 * and a representative of another partner stays with theirs: a person belongs to one partner.
 */
export async function acceptRepInvitation(actor: Actor, token: string, now = new Date()) {
	const a = requireUser(actor);
	return db.transaction(async (tx) => {
		const [inv] = await tx
			.select()
			.from(partnerRepInvites)
			.where(and(eq(partnerRepInvites.tokenHash, hashToken(token)), isNull(partnerRepInvites.acceptedAt), gt(partnerRepInvites.expiresAt, now)))
			.for('update')
			.limit(1);
		if (!inv) throw new DomainError('invalid_token');
		if (inv.email !== a.email) throw new DomainError('invitation_other_email', { status: 403, details: { email: inv.email } });
		if (a.role !== 'attendee' && !(a.role === 'partner' && a.partnerId === inv.partnerId)) throw new DomainError('invitation_role_conflict', { status: 409 });
		await tx.update(partnerRepInvites).set({ acceptedAt: now, userId: a.id }).where(eq(partnerRepInvites.id, inv.id));
		await tx.update(users).set({ role: 'partner', partnerId: inv.partnerId }).where(eq(users.id, a.id));
		await record(a, 'partner.rep_accept', { targetType: 'partner', targetId: inv.partnerId }, tx);
		return inv.partnerId;
	}).finally(clearTokenCache);
}
