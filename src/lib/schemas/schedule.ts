/** Input schemas of the schedule, shared by form actions, the editor's JSON endpoint and CSV import. */
import { z } from 'zod';
import { str } from './text';
import { isValidTimeZone } from '$lib/time';

export const SESSION_KINDS = ['opening', 'keynote', 'forum', 'roadshow', 'prematching', 'site_visit', 'networking', 'recruiting', 'break'] as const;
export const VENUE_KINDS = ['conference', 'hotel', 'incubator', 'maker_space', 'accelerator', 'park', 'abroad'] as const;

const text = (max: number) => str().trim().max(max, { error: 'v_too_long' });
const required = (max: number) => text(max).min(1, { error: 'v_required' });
const optional = (max: number) => text(max).optional().transform((v) => (v ? v : null));
const date = str().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v_invalid' });
const time = str().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'v_invalid' });
const optTime = z.union([time, z.literal('')]).optional().transform((v) => (v ? v : null));
const zone = str().trim().refine(isValidTimeZone, { error: 'v_sched_time_zone' });
const optZone = str()
	.trim()
	.optional()
	.refine((v) => !v || isValidTimeZone(v), { error: 'v_sched_time_zone' })
	.transform((v) => (v ? v : null));
const optInt = z
	.union([z.literal(''), z.coerce.number().int({ error: 'v_invalid' }).min(0, { error: 'v_too_small' }).max(100000, { error: 'v_too_big' })])
	.optional()
	.transform((v) => (v === '' || v === undefined ? null : v));
const optUuid = z.union([z.uuid(), z.literal('')]).optional().transform((v) => (v ? v : null));
const optNum = z.union([z.literal(''), z.coerce.number()]).optional().transform((v) => (v === '' || v === undefined ? null : v));
const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()]).optional().transform((v) => v === 'on' || v === 'true' || v === true);

export const eventInput = z
	.object({ nameZh: required(200), nameEn: required(200), cityZh: required(100), cityEn: required(100), timeZone: zone, startDate: date, endDate: date })
	.refine((v) => v.endDate >= v.startDate, { path: ['endDate'], error: 'v_sched_end_before_start' });

export const venueInput = z.object({
	id: optUuid,
	nameZh: required(200),
	nameEn: required(200),
	addressZh: optional(300),
	addressEn: optional(300),
	cityZh: optional(100),
	cityEn: optional(100),
	kind: z.enum(VENUE_KINDS, { error: 'v_choice' }),
	timeZone: optZone,
	latitude: optNum.refine((v) => v === null || (v >= -90 && v <= 90), { error: 'v_invalid' }),
	longitude: optNum.refine((v) => v === null || (v >= -180 && v <= 180), { error: 'v_invalid' }),
	opensAt: optTime,
	closesAt: optTime
});

export const roomInput = z.object({ id: optUuid, venueId: z.uuid({ error: 'v_required' }), nameZh: required(200), nameEn: required(200), capacity: optInt });

export const trackInput = z.object({
	id: optUuid,
	slug: str().trim().regex(/^[a-z0-9-]{1,40}$/, { error: 'v_sched_slug' }),
	nameZh: required(100),
	nameEn: required(100),
	color: str().regex(/^#[0-9a-fA-F]{6}$/, { error: 'v_sched_color' })
});

export const speakerInput = z.object({
	id: optUuid,
	slug: str().trim().regex(/^[a-z0-9-]{1,60}$/, { error: 'v_sched_slug' }),
	nameZh: required(120),
	nameEn: required(120),
	organizationZh: optional(200),
	organizationEn: optional(200),
	titleZh: optional(120),
	titleEn: optional(120),
	bioZh: optional(4000),
	bioEn: optional(4000)
});

/** A session as organizers type it: local date and times in the room's venue zone. */
export const sessionInput = z
	.object({
		id: optUuid,
		code: str().trim().regex(/^[A-Za-z0-9-]{1,20}$/, { error: 'v_sched_code' }),
		titleZh: required(300),
		titleEn: required(300),
		abstractZh: optional(4000),
		abstractEn: optional(4000),
		kind: z.enum(SESSION_KINDS, { error: 'v_choice' }),
		trackId: optUuid,
		roomId: optUuid,
		date: z.union([date, z.literal('')]).optional().transform((v) => (v ? v : null)),
		start: optTime,
		end: optTime,
		capacity: optInt,
		requiresBooking: checkbox,
		status: z.enum(['confirmed', 'cancelled']).default('confirmed'),
		speakerIds: z
			.union([z.uuid(), z.array(z.uuid())])
			.optional()
			.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
	})
	.refine((v) => (v.date === null) === (v.start === null) && (v.start === null) === (v.end === null), { path: ['date'], error: 'v_sched_schedule_incomplete' })
	.refine((v) => !v.start || !v.end || v.end > v.start, { path: ['end'], error: 'v_sched_end_before_start' });

/**
 * A move from the timetable editor (drag or keyboard): room plus local date and times in that
 * room's venue zone, as the grid shows them. No date means "back to the unscheduled tray".
 */
export const moveInput = z
	.object({
		sessionId: z.uuid(),
		roomId: optUuid,
		date: z.union([date, z.literal('')]).nullish().transform((v) => (v ? v : null)),
		start: z.union([time, z.literal('')]).nullish().transform((v) => (v ? v : null)),
		end: z.union([time, z.literal('')]).nullish().transform((v) => (v ? v : null))
	})
	.refine((v) => (v.date === null) === (v.start === null) && (v.start === null) === (v.end === null), { path: ['date'], error: 'v_sched_schedule_incomplete' })
	.refine((v) => v.date === null || v.roomId !== null, { path: ['roomId'], error: 'v_required' })
	.refine((v) => !v.start || !v.end || v.end > v.start, { path: ['end'], error: 'v_sched_end_before_start' });

export const NUDGES = ['earlier', 'later', 'shorter', 'longer', 'prev_room', 'next_room'] as const;
export const nudgeInput = z.object({ sessionId: z.uuid(), nudge: z.enum(NUDGES) });

export const releaseInput = z.object({
	name: required(100),
	note: optional(2000),
	/** Reasons keyed by conflict key ("override.<key>" form fields). */
	overrides: z.record(str(), str().trim().max(500)).default({})
});

export type SessionInput = z.infer<typeof sessionInput>;
