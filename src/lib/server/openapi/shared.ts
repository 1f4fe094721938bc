import { z } from 'zod';

export const errorSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', examples: ['invalid_input', 'not_found', 'rate_limited'] },
				message: { type: 'string', description: "In the request's language." },
				requestId: { type: 'string' },
				fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
				details: { type: 'object' }
			}
		}
	}
};

export const errorRef = { $ref: '#/components/schemas/Error' };

export function errors(...statuses: number[]) {
	const out: Record<string, unknown> = {};
	for (const s of statuses) out[String(s)] = { description: String(s), content: { 'application/json': { schema: errorRef } } };
	return out;
}

/** JSON Schema of a zod input schema, as the request body. */
export function body(schema: z.ZodType) {
	return { required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } };
}

export function ok(description: string, schema: Record<string, unknown>, status = 200) {
	return { [String(status)]: { description, content: { 'application/json': { schema } } } };
}

export const i18nTextSchema = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
