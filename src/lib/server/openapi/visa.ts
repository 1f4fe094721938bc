/** Visa invitation letters (issue 16) in the OpenAPI document. */
import type { z } from 'zod';
import { body, errors, ok, i18nTextSchema } from './shared';
import { visaDecisionSchema, visaReasonSchema, visaRequestSchema, VISA_STATUSES } from '$lib/schemas/visa';

const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };

const requestSchema = {
	type: 'object',
	required: ['id', 'event', 'status', 'passportName', 'nationality', 'masked'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		event: { type: 'string' },
		registrationId: { type: 'string', format: 'uuid' },
		status: { enum: VISA_STATUSES },
		person: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } },
		partnerId: { type: ['string', 'null'] },
		passportName: { type: 'string' },
		nationality: { type: 'string', description: 'ISO 3166-1 alpha-2' },
		sex: { enum: ['F', 'M', 'X'] },
		passportNumber: { type: ['string', 'null'], description: 'In clear for organizers only, masked (`******567`) for everyone else; null once purged' },
		dateOfBirth: { type: ['string', 'null'], description: 'In clear for organizers only, masked (`1988-**-**`) for everyone else; null once purged' },
		masked: { type: 'boolean' },
		passportExpiry: { type: ['string', 'null'], format: 'date' },
		employer: { type: 'string' },
		position: { type: 'string' },
		entryDate: { type: 'string', format: 'date' },
		exitDate: { type: 'string', format: 'date' },
		consulate: { type: 'string' },
		entries: { enum: ['single', 'double'] },
		note: { type: ['string', 'null'], description: 'Reason of a rejection, or what to correct' },
		purged: { type: 'boolean' },
		letter: {
			oneOf: [
				{ type: 'null' },
				{ type: 'object', properties: { number: { type: 'string', examples: ['HCZ2018-0001'] }, verifyId: { type: 'string' }, issuedAt: { type: 'string' }, revokedAt: { type: ['string', 'null'] } } }
			]
		},
		actions: { type: 'array', items: { enum: ['approve', 'reject', 'correct', 'revoke'] }, description: "Organizers: the decisions the request's status allows" }
	}
};
const decision = (action: string, summary: string, schema: z.ZodType = visaDecisionSchema) => ({
	post: {
		operationId: `${action}VisaRequest`,
		summary,
		tags: ['visa'],
		parameters: [id],
		requestBody: { ...body(schema), required: schema !== visaDecisionSchema },
		responses: { ...ok('The request after the decision', requestSchema), ...errors(400, 401, 403, 404, 409) }
	}
});

export const visaPaths = {
	'/events/{slug}/visa/requests': {
		get: {
			operationId: 'listVisaRequests',
			summary: "Visa letter requests of an edition: organizers see all, a partner representative its delegates', anyone else their own",
			tags: ['visa'],
			parameters: [slug, { name: 'status', in: 'query', required: false, schema: { enum: VISA_STATUSES } }],
			responses: { ...ok('The requests', { type: 'object', properties: { requests: { type: 'array', items: requestSchema } } }), ...errors(401, 404) }
		},
		post: {
			operationId: 'createVisaRequest',
			summary:
				'Requests an invitation letter for the caller’s approved registration, or (partner representatives) for one of its delegates with `registrationId`. The passport must be valid six months after exit; the stay must touch the event and lie within 30 days of it.',
			tags: ['visa'],
			parameters: [slug],
			requestBody: body(visaRequestSchema),
			responses: { ...ok('The request', requestSchema, 201), ...errors(400, 401, 404, 409, 503) }
		}
	},
	'/events/{slug}/visa/approved.csv': {
		get: {
			operationId: 'exportApprovedVisaList',
			summary: 'Organizers: the approved list with passport data, for the invitation confirmation (邀请确认函); audited',
			tags: ['visa'],
			parameters: [slug],
			responses: { '200': { description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(401, 403, 404) }
		}
	},
	'/visa/requests/{id}': {
		get: { operationId: 'getVisaRequest', summary: 'One visa letter request (404 for anyone who may not see it)', tags: ['visa'], parameters: [id], responses: { ...ok('The request', requestSchema), ...errors(401, 404) } },
		patch: {
			operationId: 'updateVisaRequest',
			summary: 'The requester replaces the data while the request is submitted, or answers a correction (back to submitted)',
			tags: ['visa'],
			parameters: [id],
			requestBody: body(visaRequestSchema),
			responses: { ...ok('The request', requestSchema), ...errors(400, 401, 404, 409) }
		}
	},
	'/visa/requests/{id}/approve': decision('approve', 'Organizers: approves; issues the letter with the next gapless number of the edition, signed with its Ed25519 key'),
	'/visa/requests/{id}/reject': decision('reject', 'Organizers: rejects, with the reason in `note`', visaReasonSchema),
	'/visa/requests/{id}/correct': decision('correct', 'Organizers: asks for a correction (`note`); an issued letter is revoked and the next approval issues a new one', visaReasonSchema),
	'/visa/requests/{id}/revoke': decision('revoke', 'Organizers: revokes the issued letter for good'),
	'/visa/requests/{id}/letter.pdf': {
		get: {
			operationId: 'getVisaLetter',
			summary: 'The current letter as a PDF (the person, their representative, organizers); 410 once passport data is purged',
			tags: ['visa'],
			parameters: [id],
			responses: { '200': { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors(401, 404, 410) }
		}
	},
	'/visa/verify/{code}': {
		get: {
			operationId: 'verifyVisaLetter',
			summary: 'Public: is the letter genuine and current? The code is the 10 characters of the short URL; `s` the signature carried in the QR code',
			tags: ['visa'],
			parameters: [
				{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z2-7]{10}$' } },
				{ name: 's', in: 'query', required: false, schema: { type: 'string' } }
			],
			responses: {
				...ok('The verdict', {
					type: 'object',
					required: ['verdict', 'current'],
					properties: {
						verdict: { enum: ['genuine', 'revoked', 'superseded', 'invalid', 'unknown'] },
						current: { type: 'boolean' },
						letter: {
							type: 'object',
							properties: {
								number: { type: 'string' },
								name: { type: 'string', description: 'Partly masked' },
								nationality: { type: 'string' },
								entryDate: { type: 'string' },
								exitDate: { type: 'string' },
								entries: { type: 'string' },
								issuedAt: { type: 'string' },
								revokedAt: { type: ['string', 'null'] },
								event: i18nTextSchema
							}
						},
						key: { type: 'object', properties: { kid: { type: 'string' }, publicKey: { type: 'string', description: 'Raw Ed25519 public key, base64url' }, algorithm: { const: 'Ed25519' } } }
					}
				}),
				...errors(404)
			}
		}
	}
};
