/** Input schemas of check-in: scans, checkpoints, devices. Shared by form actions and JSON endpoints. */
import { z } from 'zod';
import { str } from './text';

export const CHECKPOINT_KINDS = ['entrance', 'venue_door', 'session_room'] as const;
export const DIRECTIONS = ['entry', 'exit'] as const;

export const checkinRequestSchema = z.object({
	code: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(400, { error: 'v_too_long' }),
	checkpointId: z.uuid({ error: 'v_invalid' }),
	scanId: str({ error: 'v_required' })
		.min(8, { error: 'v_invalid' })
		.max(64, { error: 'v_invalid' })
		.regex(/^[\w-]+$/, { error: 'v_invalid' }),
	scannedAt: z.iso.datetime({ offset: true, error: 'v_invalid' }).optional(),
	/** Set by scanners uploading a queued offline scan. */
	offline: z.boolean().optional()
});
export type CheckinRequest = z.infer<typeof checkinRequestSchema>;

const bilingual = z.object({
	zh: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(120, { error: 'v_too_long' }),
	en: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(120, { error: 'v_too_long' })
});

const instant = z.iso.datetime({ offset: true, error: 'v_invalid' });

export const checkpointRulesSchema = z.object({
	allowedCategories: z.array(z.uuid()).max(50).default([]),
	seatRequired: z.boolean().default(false),
	window: z
		.object({ from: instant.nullable().default(null), to: instant.nullable().default(null) })
		.nullable()
		.default(null)
		.refine((w) => !w || !w.from || !w.to || Date.parse(w.from) < Date.parse(w.to), { error: 'v_invalid' }),
	direction: z.enum(DIRECTIONS).default('entry'),
	reentryAllowed: z.boolean().default(false),
	followRoomSchedule: z.boolean().default(false)
});

export const checkpointInputSchema = z.object({
	name: bilingual,
	kind: z.enum(CHECKPOINT_KINDS, { error: 'v_invalid' }),
	venueId: z.uuid().nullable().default(null),
	roomId: z.uuid().nullable().default(null),
	rules: checkpointRulesSchema.default({
		allowedCategories: [],
		seatRequired: false,
		window: null,
		direction: 'entry',
		reentryAllowed: false,
		followRoomSchedule: false
	})
});
export type CheckpointInput = z.infer<typeof checkpointInputSchema>;

/** The organizer form: flat fields, turned into a checkpoint input. */
const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');
const localDateTime = str()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), { error: 'v_invalid' });
export const checkpointFormSchema = z.object({
	nameZh: bilingual.shape.zh,
	nameEn: bilingual.shape.en,
	kind: z.enum(CHECKPOINT_KINDS, { error: 'v_invalid' }),
	place: str().optional().default(''),
	allowedCategories: z.union([z.array(str()), str()]).optional(),
	seatRequired: checkbox,
	from: localDateTime,
	to: localDateTime,
	direction: z.enum(DIRECTIONS).default('entry'),
	reentryAllowed: checkbox,
	followRoomSchedule: checkbox
});

export const deviceFormSchema = z.object({
	name: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(80, { error: 'v_too_long' }),
	checkpointIds: z.union([z.array(z.uuid()), z.uuid()]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.uuid()).min(1, { error: 'v_required' }))
});

export const pairSchema = z.object({ code: str().trim().min(16).max(64) });

export const lookupSchema = z.object({
	q: str().trim().min(2, { error: 'v_too_short' }).max(100),
	checkpointId: z.uuid()
});
