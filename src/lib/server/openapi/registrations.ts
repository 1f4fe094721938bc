/** OpenAPI paths of registration categories, registrations and badges. */
import { categoryPatchSchema, categorySchema, listQuerySchema, reasonSchema, registerSchema, STATUSES } from '$lib/schemas/registrations';
import { body, errors, i18nTextSchema, jsonSchemaOf, ok, queryParams } from './shared';

const bearer = [{ bearer: [] }];
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' }, example: 'haichuang-2018' };
/** A category's slug, as the server accepts it when the category is made (any other finds nothing). */
const categoryParam = { name: 'category', in: 'path', required: true, schema: jsonSchemaOf(categorySchema.shape.slug) };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const status = { type: 'string', enum: [...STATUSES] };

const categorySchemaOut = {
	type: 'object',
	required: ['slug', 'name', 'capacity', 'remaining', 'requiresApproval'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		slug: { type: 'string' },
		name: i18nTextSchema,
		capacity: { type: ['integer', 'null'], description: 'null: unlimited' },
		remaining: { type: ['integer', 'null'], description: 'Places left; pending and approved people hold places.' },
		requiresApproval: { type: 'boolean' },
		opensAt: { type: ['string', 'null'], format: 'date-time' },
		closesAt: { type: ['string', 'null'], format: 'date-time' },
		color: { type: 'string' },
		questions: { type: 'array', items: { type: 'object' } },
		open: { type: 'string', enum: ['open', 'not_open', 'closed'] }
	}
};

const registrationOut = {
	type: 'object',
	required: ['id', 'status', 'category'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		publicId: { type: 'string' },
		status,
		event: { type: 'string' },
		category: { type: 'object', properties: { slug: { type: 'string' }, name: i18nTextSchema, color: { type: 'string' } } },
		partner: { oneOf: [{ type: 'object', properties: { slug: { type: 'string' }, name: i18nTextSchema } }, { type: 'null' }] },
		person: { type: 'object', properties: { name: { type: 'string' }, nameZh: { type: ['string', 'null'] }, organization: { type: ['string', 'null'] }, email: { type: 'string' } } },
		answers: { type: 'object' },
		badge: { oneOf: [{ type: 'object', properties: { code: { type: 'string', examples: ['HW1:…'] }, version: { type: 'integer' } } }, { type: 'null' }] }
	}
};

const registrationListItem = {
	type: 'object',
	required: ['id', 'publicId', 'seq', 'status', 'createdAt', 'name', 'email', 'category', 'partner'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		publicId: { type: 'string' },
		seq: { type: 'integer' },
		status,
		answers: { type: 'object' },
		country: { type: ['string', 'null'] },
		field: { type: ['string', 'null'] },
		createdAt: { type: 'string', format: 'date-time' },
		name: { type: 'string' },
		nameZh: { type: ['string', 'null'] },
		email: { type: 'string', format: 'email' },
		organization: { type: ['string', 'null'] },
		category: { type: 'object', required: ['slug', 'name', 'color'], properties: { slug: { type: 'string' }, name: i18nTextSchema, color: { type: 'string' } } },
		partner: { oneOf: [{ type: 'object', required: ['slug', 'name'], properties: { slug: { type: 'string' }, name: i18nTextSchema } }, { type: 'null' }] }
	}
};

const transitionOut = {
	type: 'object',
	properties: { id: { type: 'string' }, status, changed: { type: 'boolean', description: 'false when the registration was already in that state' }, promoted: { type: 'array', items: { type: 'string' }, description: 'Registrations moved up from the waitlist by this change' } }
};

function action(name: string, summary: string) {
	return {
		post: {
			operationId: `${name}Registration`,
			summary,
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			requestBody: { ...body(reasonSchema), required: false },
			responses: { ...ok('The new state', transitionOut), ...errors(400, 401, 403, 404, 409) }
		}
	};
}

/** The list's query, from the schema the endpoint parses it with. */
const listParams = queryParams(listQuerySchema);

export const registrationsPaths = {
	'/events/{slug}/categories': {
		get: {
			operationId: 'listCategories',
			summary: 'Registration categories with capacity and remaining places',
			tags: ['registrations'],
			parameters: [slugParam],
			responses: { ...ok('Categories', { type: 'object', properties: { categories: { type: 'array', items: categorySchemaOut } } }), ...errors(404) }
		},
		post: {
			operationId: 'createCategory',
			summary: 'Create a category (organizers)',
			tags: ['registrations'],
			security: bearer,
			parameters: [slugParam],
			requestBody: body(categorySchema),
			responses: { ...ok('The category', categorySchemaOut, 201), ...errors(400, 401, 403, 404) }
		}
	},
	'/events/{slug}/categories/{category}': {
		patch: {
			operationId: 'updateCategory',
			summary: 'Change a category (organizers); a raised capacity promotes waiting people at once',
			tags: ['registrations'],
			security: bearer,
			parameters: [slugParam, categoryParam],
			requestBody: body(categoryPatchSchema),
			responses: { ...ok('The category and how many were promoted', categorySchemaOut), ...errors(400, 401, 403, 404) }
		},
		delete: {
			operationId: 'deleteCategory',
			summary: 'Delete a category without registrations (organizers)',
			tags: ['registrations'],
			security: bearer,
			parameters: [slugParam, categoryParam],
			responses: { '204': { description: 'Deleted' }, ...errors(401, 403, 404, 409) }
		}
	},
	'/events/{slug}/registrations': {
		post: {
			operationId: 'register',
			summary: "Register the token's own user",
			description: 'Status is `pending` (review needed), `approved`, or `waitlisted` when the category is full. `consent: true` records consent to the event privacy notice version; `consent: false` is refused. 409 `already_registered` for a second registration.',
			tags: ['registrations'],
			security: bearer,
			parameters: [slugParam],
			requestBody: body(registerSchema),
			responses: {
				...ok('Registered', { type: 'object', required: ['id', 'status'], properties: { id: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['pending', 'approved', 'waitlisted'] } } }, 201),
				...errors(400, 401, 404, 409)
			}
		},
		get: {
			operationId: 'listRegistrations',
			summary: 'Registrations of the event, filtered and paged (organizers)',
			tags: ['registrations'],
			security: bearer,
			parameters: [slugParam, ...listParams],
			responses: {
				...ok('A page of registrations with counts per state', {
					type: 'object',
					required: ['total', 'counts', 'page', 'pageSize', 'registrations'],
					properties: {
						total: { type: 'integer' },
						counts: { type: 'object', additionalProperties: { type: 'integer' } },
						page: { type: 'integer' },
						pageSize: { type: 'integer' },
						registrations: { type: 'array', items: registrationListItem }
					}
				}),
				...errors(400, 401, 403, 404)
			}
		}
	},
	'/registrations/{id}': {
		get: {
			operationId: 'getRegistration',
			summary: 'One registration (its owner or an organizer; 404 for anyone else)',
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			responses: { ...ok('The registration', registrationOut), ...errors(401, 404) }
		}
	},
	'/registrations/{id}/approve': action('approve', 'Approve (organizers); issues the badge'),
	'/registrations/{id}/reject': action('reject', 'Reject (organizers); revokes any badge and promotes from the waitlist'),
	'/registrations/{id}/cancel': action('cancel', 'Cancel (organizers, or the owner); revokes the badge and promotes from the waitlist'),
	'/registrations/{id}/waitlist': action('waitlist', 'Move to the waitlist (organizers)'),
	'/registrations/{id}/badge.svg': {
		get: {
			operationId: 'badgeSvg',
			summary: 'The badge QR code as SVG (error correction M)',
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			responses: { '200': { description: 'SVG', content: { 'image/svg+xml': {} } }, ...errors(401, 404) }
		}
	},
	'/registrations/{id}/reissue': {
		post: {
			operationId: 'reissueBadge',
			summary: 'Issue a new badge code for an approved registration and revoke the old one (organizers)',
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			responses: { ...ok('The new badge', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' }, code: { type: 'string' } } }), ...errors(401, 403, 404, 409) }
		}
	},
	'/registrations/{id}/badge.pdf': {
		get: {
			operationId: 'badgePdf',
			summary: 'The printable badge, 90 × 130 mm, names in both scripts (owner or organizer)',
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors(401, 404) }
		}
	},
	'/registrations/{id}/badge.png': {
		get: {
			operationId: 'badgePng',
			summary: 'The badge QR code as PNG',
			tags: ['registrations'],
			security: bearer,
			parameters: [idParam],
			responses: { '200': { description: 'PNG', content: { 'image/png': {} } }, ...errors(401, 404) }
		}
	}
};

