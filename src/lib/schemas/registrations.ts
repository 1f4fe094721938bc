/** Input schemas for registrations, categories and seats, shared by form actions and JSON endpoints. */
import { z } from 'zod';
import { isCleanText, str } from './text';

export const STATUSES = ['pending', 'approved', 'waitlisted', 'rejected', 'cancelled'] as const;
export const QUESTION_TYPES = ['text', 'single', 'multiple', 'country', 'date', 'yesno'] as const;
export const BULK_ACTIONS = ['approve', 'reject', 'waitlist'] as const;

const slugish = str({ error: 'v_required' })
	.trim()
	.min(1, { error: 'v_required' })
	.max(60)
	.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'reg_v_slug' });

const i18n = z.object({
	zh: str().trim().max(200).default(''),
	en: str().trim().max(200).default('')
});

export const questionSchema = z.object({
	key: str()
		.trim()
		.min(1)
		.max(40)
		.regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, { error: 'reg_v_slug' }),
	label: i18n,
	type: z.enum(QUESTION_TYPES, { error: 'v_choice' }),
	required: z.boolean().default(false),
	options: z.array(z.object({ value: str().trim().min(1).max(80), label: i18n })).max(100).optional()
});

/** Answers by question key; the category's questions decide what is valid (rules.validateAnswers). */
export const answersSchema = z.record(str().max(40), z.union([str().max(4000), z.array(str().max(200)).max(100), z.boolean(), z.null()]));

/** `POST /api/v1/events/{slug}/registrations`. `consent: false` is refused; the form requires it. */
export const registerSchema = z.object({
	category: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(80),
	answers: answersSchema.default({}),
	consent: z.boolean().optional()
});
export type RegisterInput = z.infer<typeof registerSchema>;

const optionalInstant = z
	.union([z.iso.datetime({ offset: true }), z.literal(''), z.null()])
	.optional()
	.transform((v) => (v ? new Date(v) : null));

export const categorySchema = z.object({
	slug: slugish,
	name: z.object({ zh: str().trim().min(1, { error: 'v_required' }).max(120), en: str().trim().min(1, { error: 'v_required' }).max(120) }),
	capacity: z.number().int().min(0).max(1_000_000).nullable().default(null),
	requiresApproval: z.boolean().default(true),
	opensAt: optionalInstant,
	closesAt: optionalInstant,
	color: str()
		.regex(/^#[0-9a-fA-F]{6}$/, { error: 'reg_v_color' })
		.default('#1d4ed8'),
	questions: z.array(questionSchema).max(40).default([]),
	position: z.number().int().min(0).max(1000).default(0)
});
export type CategoryInput = z.infer<typeof categorySchema>;
export const categoryPatchSchema = categorySchema.partial();
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;

export const reasonSchema = z.object({ reason: str().trim().max(500).optional() });

export const listQuerySchema = z.object({
	status: z.enum(STATUSES).optional(),
	category: str().trim().max(80).optional(),
	partner: str().trim().max(80).optional(),
	country: str().trim().toUpperCase().length(2).optional(),
	field: str().trim().max(80).optional(),
	q: str().trim().max(120).optional(),
	/** Admitted at any checkpoint of the event (yes) or never (no). */
	checkedIn: z.enum(['yes', 'no']).optional(),
	sort: z.enum(['seq', '-seq', 'name', '-name', 'status', 'category']).default('seq'),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(500).default(50)
});
export type ListQuery = z.input<typeof listQuerySchema>;

export const bulkSchema = z.object({
	action: z.enum(BULK_ACTIONS, { error: 'v_choice' }),
	// A form with one ticked box sends one value, not a list.
	ids: z.preprocess((v) => (typeof v === 'string' ? [v] : (v ?? [])), z.array(z.uuid()).min(1, { error: 'reg_v_select' }).max(1000))
});

const localDateTime = str()
	.trim()
	.optional()
	.refine((v) => !v || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v), { error: 'v_invalid' })
	.transform((v) => v || undefined);

/** The organizers' category form: strings from inputs; questions as a JSON list. */
export const categoryFormSchema = z.object({
	slug: slugish,
	nameZh: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(120),
	nameEn: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(120),
	capacity: str()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.pipe(z.number({ error: 'v_invalid' }).int({ error: 'v_invalid' }).min(0, { error: 'v_too_small' }).max(1_000_000).nullable()),
	requiresApproval: str()
		.optional()
		.transform((v) => v === 'on'),
	opensAt: localDateTime,
	closesAt: localDateTime,
	color: str().regex(/^#[0-9a-fA-F]{6}$/, { error: 'reg_v_color' }),
	position: z.coerce.number().int().min(0).max(1000).default(0),
	// A JSON list of up to 40 questions: longer than one text field may be.
	questions: z
		.string()
		.refine(isCleanText, { error: 'v_text_chars', abort: true })
		.max(200_000, { error: 'v_too_long' })
		.trim()
		.default('[]')
		.transform((v, ctx) => {
			try {
				return JSON.parse(v || '[]') as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'reg_v_questions' });
				return z.NEVER;
			}
		})
		.pipe(z.array(questionSchema, { error: 'reg_v_questions' }).max(40))
});
export type CategoryFormInput = z.infer<typeof categoryFormSchema>;
