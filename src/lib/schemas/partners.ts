/** Input schemas of the partners domain, shared by form actions, the CSV import and JSON endpoints. */
import { z } from 'zod';
import { str } from './text';
import { email, personName } from './auth';

export const PARTNER_KINDS = ['workstation', 'association', 'innovation_center', 'accelerator', 'company', 'university'] as const;
export const PARTNER_STATUSES = ['active', 'suspended'] as const;
export const FIELDS = ['ai', 'energy', 'biomed', 'bigdata', 'health', 'equipment'] as const;
export const DEGREES = ['bachelor', 'master', 'phd', 'md', 'other'] as const;
export const STAGES = ['idea', 'prototype', 'early_revenue', 'growth'] as const;

const text = (max: number) => str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(max);
const optional = (max: number) =>
	str()
		.trim()
		.max(max)
		.optional()
		.transform((v) => (v ? v : undefined));
const isZone = (tz: string) => {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
};
const optionalNumber = (min: number, max: number) =>
	z
		.union([z.literal(''), z.coerce.number({ error: 'v_number' }).min(min).max(max)])
		.optional()
		.transform((v) => (v === '' || v === undefined ? undefined : v));

/** Organizer's partner form (flat field names so one schema serves forms and JSON). */
export const partnerSchema = z.object({
	slug: str({ error: 'v_required' })
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'v_ptn_slug' }),
	nameZh: text(160),
	nameEn: text(160),
	kind: z.enum(PARTNER_KINDS, { error: 'v_choice' }),
	cityZh: text(80),
	cityEn: text(80),
	country: str({ error: 'v_required' })
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, { error: 'v_ptn_country' }),
	timeZone: str({ error: 'v_required' }).trim().refine(isZone, { error: 'v_timezone' }),
	fields: z
		.union([z.enum(FIELDS, { error: 'v_choice' }), z.array(z.enum(FIELDS, { error: 'v_choice' }))])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
	website: z
		.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'v_url' })])
		.optional()
		.transform((v) => v || undefined),
	descriptionZh: optional(2000),
	descriptionEn: optional(2000),
	contactName: optional(120),
	contactEmail: z
		.union([z.literal(''), email])
		.optional()
		.transform((v) => v || undefined),
	contactPhone: optional(40),
	plaqueYear: optionalNumber(1990, 2100),
	latitude: optionalNumber(-90, 90),
	longitude: optionalNumber(-180, 180),
	status: z.enum(PARTNER_STATUSES, { error: 'v_choice' }).default('active')
});
export type PartnerInput = z.infer<typeof partnerSchema>;

/** What a representative may change of their own organisation (not slug, kind, status or plaque). */
export const partnerProfileSchema = partnerSchema.pick({
	nameZh: true,
	nameEn: true,
	cityZh: true,
	cityEn: true,
	timeZone: true,
	fields: true,
	website: true,
	descriptionZh: true,
	descriptionEn: true,
	contactName: true,
	contactEmail: true,
	contactPhone: true
});
export type PartnerProfileInput = z.infer<typeof partnerProfileSchema>;

/** A registration category chosen from a list: '' means "none chosen" (null), absent leaves it as it is. */
const categoryChoice = z
	.union([z.literal(''), z.uuid({ error: 'v_choice' })], { error: 'v_choice' })
	.optional()
	.transform((v) => (v === undefined ? undefined : v || null));

export const quotaSchema = z.object({
	eventId: z.uuid(),
	delegateQuota: z.coerce.number({ error: 'v_number' }).int().min(0).max(10000),
	projectQuota: z.coerce.number({ error: 'v_number' }).int().min(0).max(10000),
	/** The category this partner's delegates register in for the edition ('' = the standard one). */
	categoryId: categoryChoice
});

/** Organizers' choice of category for one nomination ('' = the partner's default). */
export const delegateCategorySchema = z.object({
	id: z.uuid(),
	categoryId: categoryChoice.transform((v) => v ?? null)
});

export const repInviteSchema = z.object({ email, name: personName });

/** One nominee: the portal form and each CSV row. */
export const nomineeSchema = z.object({
	name: personName,
	email,
	institution: optional(200),
	country: z
		.union([z.literal(''), str().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: 'v_ptn_country' })])
		.optional()
		.transform((v) => v || undefined),
	field: z
		.union([z.literal(''), z.enum(FIELDS, { error: 'v_choice' })])
		.optional()
		.transform((v) => v || undefined),
	degree: z
		.union([z.literal(''), z.enum(DEGREES, { error: 'v_choice' })])
		.optional()
		.transform((v) => v || undefined),
	bio: optional(1000)
});
export type NomineeInput = z.infer<typeof nomineeSchema>;

export const projectSchema = z.object({
	delegateId: z.uuid({ error: 'v_choice' }),
	titleZh: text(200),
	titleEn: text(200),
	field: z.enum(FIELDS, { error: 'v_choice' }),
	stage: z.enum(STAGES, { error: 'v_choice' }),
	fundingSought: optionalNumber(0, 10_000_000_000),
	summary: text(3000)
});
export type ProjectInput = z.infer<typeof projectSchema>;

export const pitchSlotSchema = z.object({
	projectId: z.uuid(),
	sessionId: z.uuid({ error: 'v_choice' }),
	/** Local time "HH:MM" in the session's zone, on the session's day. */
	start: str().regex(/^\d{2}:\d{2}$/, { error: 'v_ptn_time' }),
	minutes: z.coerce.number({ error: 'v_number' }).int().min(3).max(120)
});

export const idSchema = z.object({ id: z.uuid() });

export const acceptSignUpSchema = z.object({
	name: personName,
	password: str({ error: 'v_required' }).min(10, { error: 'v_too_short' }).max(128, { error: 'v_too_long' })
});
export const acceptLogInSchema = z.object({
	password: str({ error: 'v_required' }).min(1, { error: 'v_required' }).max(1024)
});
