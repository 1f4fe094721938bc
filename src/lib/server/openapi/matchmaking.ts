/** Matchmaking (issue 14) in the OpenAPI document: profiles, directory, requests, meetings, the schedule. */
import { body, errors, ok, i18nTextSchema, queryParams } from './shared';
import { matchDirectorySchema, matchProfileSchema, matchRequestSchema, matchRespondSchema, MATCH_KINDS, MATCH_INTENTS, MATCH_REQUEST_STATUSES, MATCH_MEETING_STATUSES } from '$lib/schemas/matchmaking';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const tags = ['matchmaking'];

const profileSchema = {
	type: 'object',
	required: ['id', 'eventId', 'kind', 'name', 'listed'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		eventId: { type: 'string', format: 'uuid' },
		kind: { enum: MATCH_KINDS },
		name: { type: 'string' },
		nameZh: { type: ['string', 'null'] },
		organization: { type: 'string' },
		title: { type: 'string' },
		sectors: { type: 'array', items: { type: 'string' }, description: 'Track slugs' },
		offers: { type: 'array', items: { enum: MATCH_INTENTS } },
		seeks: { type: 'array', items: { enum: MATCH_INTENTS } },
		pitch: i18nTextSchema,
		languages: { type: 'array', items: { type: 'string' } },
		photo: { type: ['string', 'null'] },
		timeZone: { type: ['string', 'null'] },
		listed: { type: 'boolean' },
		openings: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: i18nTextSchema, sector: { type: 'string' }, city: { type: 'string' } } } },
		projects: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: i18nTextSchema } } },
		contact: {
			type: 'object',
			description: 'Only on one’s own profile and on the other person of an accepted meeting; never in the directory or recommendations',
			properties: { email: { type: 'string' }, phone: { type: ['string', 'null'] } }
		}
	}
};
const requestSchema = {
	type: 'object',
	required: ['id', 'status', 'direction', 'from', 'to'],
	properties: { id: { type: 'string', format: 'uuid' }, status: { enum: MATCH_REQUEST_STATUSES }, direction: { enum: ['outgoing', 'incoming', 'brokered'] }, from: profileSchema, to: profileSchema }
};
const meetingSchema = {
	type: 'object',
	required: ['id', 'status', 'other'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		requestId: { type: 'string', format: 'uuid' },
		status: { enum: MATCH_MEETING_STATUSES },
		side: { enum: ['a', 'b', null] },
		a: profileSchema,
		b: profileSchema,
		other: profileSchema,
		table: { type: ['object', 'null'], properties: { id: { type: 'string' }, number: { type: 'integer' }, fixed: { type: 'boolean' } } },
		room: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: i18nTextSchema } },
		remote: { type: 'boolean' },
		videoUrl: { type: ['string', 'null'] },
		startsAt: { type: ['string', 'null'], format: 'date-time' },
		endsAt: { type: ['string', 'null'], format: 'date-time' },
		timeZone: { type: 'string' },
		locked: { type: 'boolean' },
		sequence: { type: 'integer' }
	}
};
const runSchema = {
	type: 'object',
	required: ['id', 'solver', 'placed', 'unplaced', 'bound', 'optimal'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		solver: { enum: ['highs', 'greedy'] },
		placed: { type: 'integer' },
		unplaced: { type: 'integer' },
		bound: { type: 'integer', description: 'An upper bound on the meetings placeable' },
		optimal: { type: 'boolean' },
		idleGaps: { type: 'integer' },
		ms: { type: 'integer' },
		published: { type: 'boolean' },
		createdAt: { type: 'string', format: 'date-time' },
		unplacedMeetings: { type: 'array', items: { type: 'object', properties: { meetingId: { type: 'string' }, reason: { enum: ['no_common_slot', 'no_table', 'conflict'] } } } }
	}
};
const profileEnvelope = { type: 'object', required: ['profile'], properties: { profile: { oneOf: [{ type: 'null' }, profileSchema] } } };

export const matchmakingPaths = {
	'/events/{slug}/match/profile': {
		get: { operationId: 'getMyMatchProfile', summary: 'The caller’s own matchmaking profile (with contact details), or null', tags, parameters: [slug], responses: { ...ok('The profile', profileEnvelope), ...errors(401, 404) } },
		put: {
			operationId: 'saveMyMatchProfile',
			summary: 'Creates or replaces the caller’s profile; `listed` opts in to (or out of) the directory. Needs a live registration (403 `match_not_registered`)',
			tags,
			parameters: [slug],
			requestBody: body(matchProfileSchema),
			responses: { ...ok('The profile', profileEnvelope), ...errors(400, 401, 403, 404) }
		}
	},
	'/events/{slug}/match/directory': {
		get: {
			operationId: 'matchDirectory',
			summary: 'Listed profiles, searched by `q` (names in both scripts, pinyin, organization) and filtered; never contact details',
			tags,
			parameters: [slug, ...queryParams(matchDirectorySchema)],
			responses: { ...ok('A page of profiles', { type: 'object', properties: { items: { type: 'array', items: profileSchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } }), ...errors(400, 401, 404) }
		}
	},
	'/events/{slug}/match/recommendations': {
		get: {
			operationId: 'matchRecommendations',
			summary: 'Profiles worth meeting, best first, with reasons as message keys (`match_reason_<key>`) and parameters; never contact details',
			tags,
			parameters: [slug],
			responses: {
				...ok('The recommendations', {
					type: 'object',
					properties: { recommendations: { type: 'array', items: { type: 'object', properties: { profile: profileSchema, score: { type: 'number' }, reasons: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, params: { type: 'object' } } } } } } } }
				}),
				...errors(401, 404, 409)
			}
		}
	},
	'/events/{slug}/match/requests': {
		get: {
			operationId: 'listMyMatchRequests',
			summary: 'The caller’s requests: received and sent',
			tags,
			parameters: [slug],
			responses: { ...ok('The requests', { type: 'object', properties: { incoming: { type: 'array', items: requestSchema }, outgoing: { type: 'array', items: requestSchema } } }), ...errors(401, 404) }
		},
		post: {
			operationId: 'createMatchRequest',
			summary: 'Asks a listed profile for a meeting. 409: `match_no_profile`, `match_self_request`, `match_request_cap`, `match_meeting_cap`, `match_already_requested`, `match_already_meeting`',
			tags,
			parameters: [slug],
			requestBody: body(matchRequestSchema),
			responses: { ...ok('The request', requestSchema, 201), ...errors(400, 401, 403, 404, 409) }
		}
	},
	'/match/requests/{id}/respond': {
		post: {
			operationId: 'respondToMatchRequest',
			summary: 'The asked person accepts (in self-scheduling editions optionally into `slotId`) or declines. 409: `match_request_closed`, `match_request_expired`, `match_meeting_cap`; `warning: slot_taken` when the slot was no longer free',
			tags,
			parameters: [id],
			requestBody: body(matchRespondSchema),
			responses: {
				...ok('The request, and the meeting when accepted', { type: 'object', properties: { request: requestSchema, meeting: { oneOf: [{ type: 'null' }, meetingSchema] }, warning: { enum: ['slot_taken', null] } } }),
				...errors(400, 401, 403, 404, 409)
			}
		}
	},
	'/events/{slug}/match/meetings': {
		get: {
			operationId: 'listMatchMeetings',
			summary: 'The caller’s meetings, the other person with contact details; organizers every meeting of the edition with `all=1`',
			tags,
			parameters: [slug, { name: 'all', in: 'query', required: false, schema: { enum: ['1'] } }],
			responses: { ...ok('The meetings', { type: 'object', properties: { meetings: { type: 'array', items: meetingSchema } } }), ...errors(401, 403, 404) }
		}
	},
	'/events/{slug}/match/schedule': {
		post: {
			operationId: 'scheduleMatchMeetings',
			summary: 'Organizers: places every accepted meeting not locked into slots and tables (HiGHS, greedy fallback); answers the run',
			tags,
			parameters: [slug],
			responses: { ...ok('The run', runSchema), ...errors(401, 403, 404, 409) }
		}
	},
	'/events/{slug}/match/schedule/publish': {
		post: {
			operationId: 'publishMatchSchedule',
			summary: 'Organizers: marks the schedule final and mails each person their meetings',
			tags,
			parameters: [slug],
			responses: { ...ok('Published', { type: 'object', properties: { mails: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' } } }), ...errors(401, 403, 404) }
		}
	}
};
