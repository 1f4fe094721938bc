/** Check-in operations of `/api/v1`: scans, checkpoints, scanner sync, counters, look-up, device pairing. */
import { checkinRequestSchema, checkpointInputSchema, lookupSchema, pairSchema } from '$lib/schemas/checkin';
import { REASONS } from '../checkin/rules';
import { body, errors, i18nTextSchema, ok, queryParams } from './shared';

const scanner = [{ bearer: [] }];

const checkpointSchema = {
	type: 'object',
	required: ['id', 'name', 'kind', 'rules'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		name: i18nTextSchema,
		kind: { enum: ['entrance', 'venue_door', 'session_room'] },
		venueId: { type: ['string', 'null'] },
		roomId: { type: ['string', 'null'] },
		rules: {
			type: 'object',
			properties: {
				allowedCategories: { type: 'array', items: { type: 'string' } },
				seatRequired: { type: 'boolean' },
				window: { type: ['object', 'null'], properties: { from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] } } },
				direction: { enum: ['entry', 'exit'] },
				reentryAllowed: { type: 'boolean' },
				followRoomSchedule: { type: 'boolean' }
			}
		}
	}
};

const answerSchema = {
	type: 'object',
	required: ['scanId', 'result', 'direction', 'checkpointId', 'scannedAt'],
	properties: {
		scanId: { type: 'string' },
		result: { enum: ['admitted', 'already_admitted', 'rejected'] },
		reason: { enum: [...REASONS], description: 'Only when rejected.' },
		direction: { enum: ['entry', 'exit'] },
		checkpointId: { type: 'string' },
		scannedAt: { type: 'string', format: 'date-time' },
		attendee: {
			description: 'Only when the code is genuine (signed by this event, known registration).',
			type: 'object',
			properties: {
				publicId: { type: 'string' },
				name: { type: 'string' },
				nameZh: { type: ['string', 'null'] },
				organization: { type: ['string', 'null'] },
				category: { type: 'object', properties: { id: { type: 'string' }, name: i18nTextSchema, color: { type: 'string' } } }
			}
		},
		firstAdmission: {
			description: 'Only when already admitted.',
			type: 'object',
			properties: {
				at: { type: 'string', format: 'date-time' },
				checkpointId: { type: 'string' },
				checkpointName: { oneOf: [i18nTextSchema, { type: 'null' }] },
				deviceId: { type: ['string', 'null'] },
				deviceName: { type: ['string', 'null'] }
			}
		}
	}
};

export const checkinPaths = {
	'/checkins': {
		post: {
			operationId: 'checkIn',
			summary: 'Record one scan and answer admitted, already admitted or rejected',
			description:
				'A device token (`hwd_...`) or a staff/organizer bearer token (or a staff session from the same origin). One transaction: the registration is locked, the checkpoint rules are applied and the scan is stored, rejected ones too. The same `scanId` always gets the first answer; offline scanners upload with the original `scanId` and `scannedAt`, and the earliest scan admits.',
			tags: ['check-in'],
			security: scanner,
			requestBody: body(checkinRequestSchema),
			responses: { ...ok('The answer', answerSchema), ...errors(400, 401, 403, 404, 409) }
		}
	},
	'/events/{slug}/checkpoints': {
		parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
		get: {
			operationId: 'listCheckpoints',
			summary: "The event's checkpoints and their rules (a device sees its own)",
			tags: ['check-in'],
			security: scanner,
			responses: { ...ok('Checkpoints', { type: 'object', properties: { checkpoints: { type: 'array', items: checkpointSchema } } }), ...errors(401, 403, 404) }
		},
		post: {
			operationId: 'createCheckpoint',
			summary: 'Organizers: define a checkpoint',
			tags: ['check-in'],
			security: scanner,
			requestBody: body(checkpointInputSchema),
			responses: { ...ok('The checkpoint', checkpointSchema, 201), ...errors(400, 401, 403, 404) }
		}
	},
	'/events/{slug}/scanner-sync': {
		parameters: [
			{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
			{ name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: '`serverTime` of the previous answer' }
		],
		get: {
			operationId: 'scannerSync',
			summary: 'What a scanner keeps for offline work: public key, checkpoints, sessions, roster, revocations, admissions, revised outcomes',
			tags: ['check-in'],
			security: scanner,
			responses: { ...ok('The sync', { type: 'object', required: ['serverTime', 'key', 'roster', 'revocations'] }), ...errors(400, 401, 403, 404) }
		}
	},
	'/checkpoints/{id}/counters': {
		parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
		get: {
			operationId: 'checkpointCounters',
			summary: 'Admitted here today, inside now (entries minus exits), expected',
			tags: ['check-in'],
			security: scanner,
			responses: {
				...ok('Counters', { type: 'object', properties: { admittedToday: { type: 'integer' }, insideNow: { type: 'integer' }, expected: { type: 'integer' } } }),
				...errors(401, 403, 404)
			}
		}
	},
	'/checkpoints/{id}/lookup': {
		parameters: [
			{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
			...queryParams(lookupSchema, ['q'])
		],
		get: {
			operationId: 'lookupAttendee',
			summary: 'Find a person of the checkpoint’s event by name, email or organisation (lost badge)',
			tags: ['check-in'],
			security: scanner,
			responses: {
				...ok('Matches with their current badge code (at most 12)', {
					type: 'object',
					required: ['people'],
					properties: {
						people: {
							type: 'array',
							maxItems: 12,
							items: {
								type: 'object',
								required: ['publicId', 'name', 'email', 'status', 'category', 'code'],
								properties: {
									publicId: { type: 'string' },
									name: { type: 'string' },
									nameZh: { type: ['string', 'null'] },
									email: { type: 'string' },
									organization: { type: ['string', 'null'] },
									status: { type: 'string' },
									category: { type: 'object', properties: { name: i18nTextSchema, color: { type: 'string' } } },
									code: { type: ['string', 'null'], description: 'The current badge code, null without a badge' }
								}
							}
						}
					}
				}),
				...errors(400, 401, 403, 404)
			}
		}
	},
	'/devices/pair': {
		post: {
			operationId: 'pairDevice',
			summary: 'Redeem a one-time pairing code for a device token (shown once)',
			tags: ['check-in'],
			requestBody: body(pairSchema),
			responses: {
				...ok('The device token', { type: 'object', properties: { token: { type: 'string' }, deviceId: { type: 'string' }, eventSlug: { type: 'string' }, checkpointIds: { type: 'array', items: { type: 'string' } } } }, 201),
				...errors(400)
			}
		}
	}
};
