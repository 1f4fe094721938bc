import { errors, i18nTextSchema, ok } from './shared';

const partnerSchema = {
	type: 'object',
	required: ['slug', 'name', 'kind', 'city', 'country', 'timeZone', 'fields'],
	properties: {
		slug: { type: 'string' },
		name: i18nTextSchema,
		kind: { enum: ['workstation', 'association', 'innovation_center', 'accelerator', 'company', 'university'] },
		city: i18nTextSchema,
		country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
		timeZone: { type: 'string', examples: ['America/New_York'] },
		fields: { type: 'array', items: { type: 'string' } },
		website: { type: ['string', 'null'] },
		description: { oneOf: [i18nTextSchema, { type: 'null' }] },
		plaqueYear: { type: ['integer', 'null'] },
		logo: { type: ['string', 'null'], description: 'Path of the logo image' },
		latitude: { type: ['number', 'null'] },
		longitude: { type: ['number', 'null'] }
	}
};

export const partnersPaths = {
	'/events/{slug}/partners': {
		get: {
			operationId: 'listPartners',
			summary: "The public directory of an edition's partner organisations (active ones)",
			tags: ['partners'],
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			responses: { ...ok('The directory', { type: 'object', properties: { event: { type: 'string' }, partners: { type: 'array', items: partnerSchema } } }), ...errors(404) }
		}
	},
	'/partners/{id}/delegates': {
		get: {
			operationId: 'listDelegates',
			summary: "A partner's delegation with each delegate's progress (its own representatives and organizers; anyone else gets 404)",
			tags: ['partners'],
			security: [{ bearer: [] }],
			parameters: [
				{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
				{ name: 'event', in: 'query', required: false, schema: { type: 'string' }, description: 'Event slug; default the current edition' }
			],
			responses: {
				...ok('The delegation', {
					type: 'object',
					properties: {
						event: { type: 'string' },
						delegates: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									id: { type: 'string' },
									name: { type: 'string' },
									email: { type: 'string' },
									status: { enum: ['invited', 'expired', 'withdrawn', 'registered', 'approved', 'badge_issued', 'checked_in', 'rejected', 'cancelled'] },
									checkedInDay: { type: ['string', 'null'] },
									category: { type: ['string', 'null'], description: 'Slug of the registration category the delegate registers (or registered) in; null when the organizers have chosen none' }
								}
							}
						}
					}
				}),
				...errors(401, 404)
			}
		}
	}
};
