/**
 * Input schemas of matchmaking (issue 14), shared by the form actions and the JSON API. Checks
 * that need the edition (its tracks, its slots, caps) are the domain's (matchmaking/rules.ts).
 */
import { z } from 'zod';
import { str } from './text';

export const MATCH_KINDS = ['talent', 'enterprise', 'investor', 'incubator', 'government', 'research'] as const;
export const MATCH_INTENTS = ['invest', 'raise', 'partner', 'recruit', 'job', 'incubate'] as const;
export const MATCH_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export const MATCH_MEETING_STATUSES = ['unscheduled', 'scheduled', 'held', 'no_show', 'cancelled'] as const;
export const MATCH_OUTCOMES = ['talks', 'agreement', 'company_founded', 'none'] as const;
export const MATCH_REPORTS = ['held', 'other_absent', 'i_was_absent', 'cancelled'] as const;
export const SLOT_MINUTES = [15, 20, 30] as const;
export const MATCH_LANGUAGES = ['zh', 'en', 'ja', 'ko', 'de', 'fr', 'ru', 'es'] as const;

/** Form checkboxes arrive as a string or a string[]; JSON as a string[]. */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
	z
		.union([z.array(str()), str()])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v === '' ? [] : [v]))
		.pipe(z.array(z.enum(values, { error: 'v_choice' })).max(values.length))
		.transform((v) => [...new Set(v)]);

const slugList = z
	.union([z.array(str()), str()])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v === '' ? [] : [v]))
	.pipe(z.array(str().trim().min(1).max(60)).max(20))
	.transform((v) => [...new Set(v)]);

const bool = z
	.union([z.boolean(), str()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const optionalText = (max: number) =>
	str()
		.trim()
		.max(max, { error: 'v_too_long' })
		.optional()
		.transform((v) => v ?? '');

export const matchProfileSchema = z.object({
	listed: bool,
	kind: z.enum(MATCH_KINDS, { error: 'v_choice' }),
	organization: optionalText(200),
	title: optionalText(120),
	sectors: slugList,
	offers: list(MATCH_INTENTS),
	seeks: list(MATCH_INTENTS),
	pitchZh: optionalText(600),
	pitchEn: optionalText(600),
	languages: list(MATCH_LANGUAGES),
	phone: str()
		.trim()
		.max(40)
		.nullish()
		.transform((v) => v || null)
		.refine((v) => v === null || /^\+?[0-9 ()-]{5,40}$/.test(v), { error: 'v_match_phone' }),
	timeZone: str()
		.trim()
		.max(64)
		.nullish()
		.transform((v) => v || null)
		.refine((v) => v === null || isZone(v), { error: 'v_match_zone' }),
	/** Linked partner projects (ids); the domain keeps only the person's own. */
	projectIds: slugList
});
export type MatchProfileInput = z.input<typeof matchProfileSchema>;
export type MatchProfileValues = z.output<typeof matchProfileSchema>;

function isZone(z: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: z });
		return true;
	} catch {
		return false;
	}
}

export const matchOpeningSchema = z.object({
	titleZh: str().trim().min(1, { error: 'v_required' }).max(120),
	titleEn: str().trim().min(1, { error: 'v_required' }).max(120),
	sector: str().trim().min(1, { error: 'v_required' }).max(60),
	city: optionalText(80)
});
export type MatchOpeningInput = z.input<typeof matchOpeningSchema>;

export const matchDirectorySchema = z.object({
	q: optionalText(100),
	kind: z.enum(MATCH_KINDS).optional().catch(undefined),
	sector: str().trim().max(60).optional(),
	seeks: z.enum(MATCH_INTENTS).optional().catch(undefined),
	offers: z.enum(MATCH_INTENTS).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(1000).optional().catch(1)
});
export type MatchDirectoryQuery = z.output<typeof matchDirectorySchema>;

const uuidStr = str().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'v_choice' });
const optionalUuid = z
	.union([uuidStr, z.literal(''), z.null()])
	.optional()
	.transform((v) => v || undefined);

export const matchRequestSchema = z.object({
	toProfileId: uuidStr,
	message: optionalText(1000),
	openingId: optionalUuid,
	projectId: optionalUuid
});
export type MatchRequestInput = z.input<typeof matchRequestSchema>;

export const matchRespondSchema = z.object({
	answer: z.enum(['accept', 'decline'], { error: 'v_choice' }),
	slotId: optionalUuid
});
export type MatchRespondInput = z.input<typeof matchRespondSchema>;

export const matchBrokerSchema = z.object({
	aProfileId: uuidStr,
	bProfileId: uuidStr,
	message: optionalText(1000)
});
export type MatchBrokerInput = z.input<typeof matchBrokerSchema>;

export const matchSettingsSchema = z.object({
	scheduling: z.enum(['self', 'organizer'], { error: 'v_choice' }),
	requestTtlHours: z.coerce.number({ error: 'v_number' }).int({ error: 'v_number' }).min(1, { error: 'v_number' }).max(24 * 60, { error: 'v_number' }),
	walkMinutes: z.coerce.number({ error: 'v_number' }).int({ error: 'v_number' }).min(0, { error: 'v_number' }).max(60, { error: 'v_number' }),
	/** Days after a held meeting to ask what came of it; left out: unchanged (90 at first). */
	followUpDays: z.coerce.number({ error: 'v_number' }).int({ error: 'v_number' }).min(1, { error: 'v_number' }).max(730, { error: 'v_number' }).optional(),
	/** Caps per kind; a missing kind has no cap. */
	caps: z
		.partialRecord(
			z.enum(MATCH_KINDS),
			z.object({
				openRequests: z.coerce.number().int().min(0).max(1000),
				meetings: z.coerce.number().int().min(0).max(1000)
			})
		)
		.optional()
		.transform((v) => v ?? {})
});
export type MatchSettingsInput = z.input<typeof matchSettingsSchema>;

export const matchSessionSchema = z.object({
	slotMinutes: z.coerce.number({ error: 'v_number' }).pipe(z.union(SLOT_MINUTES.map((m) => z.literal(m)) as [z.ZodLiteral<15>, z.ZodLiteral<20>, z.ZodLiteral<30>], { error: 'v_choice' })),
	gapMinutes: z.coerce.number({ error: 'v_number' }).int({ error: 'v_number' }).min(0, { error: 'v_number' }).max(30, { error: 'v_number' }),
	tables: z.coerce.number({ error: 'v_number' }).int({ error: 'v_number' }).min(1, { error: 'v_number' }).max(500, { error: 'v_number' }),
	/** Tables fixed to a profile: table number → profile id. */
	fixed: z
		.array(z.object({ number: z.coerce.number().int().min(1).max(500), profileId: uuidStr }))
		.max(500)
		.optional()
		.transform((v) => v ?? [])
});
export type MatchSessionInput = z.input<typeof matchSessionSchema>;

export const matchRemoteSchema = z.object({
	startsAt: z.iso.datetime({ offset: true, error: 'v_date' }),
	minutes: z.coerce.number().int().min(10).max(180),
	videoUrl: str()
		.trim()
		.max(500)
		.refine((v) => /^https:\/\/[^\s]+$/.test(v), { error: 'v_match_video_url' })
});
export type MatchRemoteInput = z.input<typeof matchRemoteSchema>;

export const matchRateSchema = z.object({
	stars: z.coerce.number({ error: 'v_number' }).int().min(1, { error: 'v_number' }).max(5, { error: 'v_number' }),
	followUp: bool
});
export type MatchRateInput = z.input<typeof matchRateSchema>;

export const matchReportSchema = z.object({ what: z.enum(MATCH_REPORTS, { error: 'v_choice' }) });
export const matchOutcomeSchema = z.object({ outcome: z.enum(MATCH_OUTCOMES, { error: 'v_choice' }) });
export const matchHeldSchema = z.object({ code: str().trim().min(1, { error: 'v_required' }).max(2000) });
export const matchPlaceSchema = z.object({ slotId: uuidStr, tableId: uuidStr, force: bool });
export const matchUnavailableSchema = z.object({
	slotIds: z
		.union([z.array(uuidStr), uuidStr])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(uuidStr).max(500))
});
