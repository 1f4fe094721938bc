import { apiTokenRequestSchema } from '$lib/schemas/auth';
import { body, errors, i18nTextSchema, ok } from './shared';

const eventSchema = {
	type: 'object',
	required: ['slug', 'name', 'city', 'timeZone', 'startDate', 'endDate'],
	properties: {
		slug: { type: 'string' },
		name: i18nTextSchema,
		city: i18nTextSchema,
		tagline: { oneOf: [i18nTextSchema, { type: 'null' }] },
		timeZone: { type: 'string', examples: ['Asia/Shanghai'] },
		startDate: { type: 'string', format: 'date' },
		endDate: { type: 'string', format: 'date' }
	}
};

export const foundationPaths = {
	'/auth/token': {
		post: {
			operationId: 'createToken',
			summary: 'Exchange email and password for a bearer token (rate limited)',
			tags: ['auth'],
			requestBody: body(apiTokenRequestSchema),
			responses: {
				...ok(
					'A new token, shown once',
					{
						type: 'object',
						required: ['token', 'scopes'],
						properties: { token: { type: 'string' }, tokenId: { type: 'string' }, tokenType: { const: 'Bearer' }, expiresInDays: { type: 'integer' }, scopes: { type: 'array', items: { type: 'string' } } }
					},
					201
				),
				...errors(400, 401, 403, 429)
			}
		}
	},
	'/me': {
		get: {
			operationId: 'me',
			summary: 'The account the token belongs to',
			tags: ['auth'],
			security: [{ bearer: [] }],
			responses: {
				...ok('The account', {
					type: 'object',
					required: ['id', 'email', 'name', 'role', 'partnerId', 'locale'],
					properties: {
						id: { type: 'string', format: 'uuid' },
						email: { type: 'string', format: 'email' },
						name: { type: 'string' },
						role: { enum: ['attendee', 'partner', 'staff', 'organizer', 'admin'] },
						partnerId: { type: ['string', 'null'], format: 'uuid' },
						locale: { enum: ['zh-CN', 'en'] }
					}
				}),
				...errors(401)
			}
		}
	},
	'/events': {
		get: {
			operationId: 'listEvents',
			summary: 'Published events',
			tags: ['events'],
			responses: { ...ok('Published events', { type: 'object', properties: { events: { type: 'array', items: eventSchema } } }) }
		}
	}
};
