import { errors, i18nTextSchema, ok } from './shared';

const nullable = (s: Record<string, unknown>) => ({ oneOf: [s, { type: 'null' }] });
const sessionSchema = {
	type: 'object',
	required: ['id', 'code', 'title', 'kind', 'status', 'startsAt', 'endsAt', 'timeZone', 'speakers', 'sequence'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		code: { type: 'string', examples: ['HC101'] },
		title: i18nTextSchema,
		abstract: nullable(i18nTextSchema),
		kind: { enum: ['opening', 'keynote', 'forum', 'roadshow', 'prematching', 'site_visit', 'networking', 'recruiting', 'break'] },
		status: { enum: ['confirmed', 'cancelled'] },
		track: { type: ['string', 'null'], description: 'Track slug' },
		room: nullable({ type: 'object', properties: { id: { type: 'string' }, name: i18nTextSchema } }),
		venue: nullable({ type: 'object', properties: { id: { type: 'string' }, name: i18nTextSchema, timeZone: { type: 'string' } } }),
		startsAt: { type: 'string', format: 'date-time' },
		endsAt: { type: 'string', format: 'date-time' },
		timeZone: { type: 'string', description: "The venue's IANA zone", examples: ['Asia/Shanghai', 'America/Vancouver'] },
		capacity: { type: ['integer', 'null'] },
		requiresBooking: { type: 'boolean' },
		speakers: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, name: i18nTextSchema, organization: nullable(i18nTextSchema) } } },
		sequence: { type: 'integer', description: 'Releases since the first in which this session changed' }
	}
};

export const schedulePaths = {
	'/events/{slug}/sessions': {
		get: {
			operationId: 'listSessions',
			summary: "The event's published program (latest release). Supports ETag / If-None-Match.",
			tags: ['schedule'],
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			responses: {
				...ok('The sessions of the current release', {
					type: 'object',
					required: ['release', 'sessions'],
					properties: { release: { type: 'object', properties: { version: { type: 'integer' } } }, sessions: { type: 'array', items: sessionSchema } }
				}),
				'304': { description: 'Not modified since the ETag given' },
				...errors(404)
			}
		}
	}
};
