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

/**
 * JSON Schema of a zod input schema. A string piped into a format (`email`: trimmed, lowercased,
 * then `z.email()`) keeps the format in the document, so the document is never looser than the server.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
	const out = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any',
		override: (ctx) => {
			const def = ctx.zodSchema._zod.def as { type: string; out?: { _zod: { def: { format?: string } } } };
			const format = def.type === 'pipe' ? def.out?._zod.def.format : undefined;
			if (format && ctx.jsonSchema.type === 'string') ctx.jsonSchema.format = format === 'datetime' ? 'date-time' : format;
		}
	}) as Record<string, unknown>;
	delete out.$schema;
	return out;
}

/** JSON Schema of a zod input schema, as the request body. */
export function body(schema: z.ZodType) {
	return { required: true, content: { 'application/json': { schema: jsonSchemaOf(schema) } } };
}

/** Query parameters from a zod object schema (the one the endpoint parses its query with). */
export function queryParams(schema: z.ZodObject, only?: string[]) {
	const js = jsonSchemaOf(schema) as { properties: Record<string, Record<string, unknown>>; required?: string[] };
	return Object.entries(js.properties)
		.filter(([name]) => !only || only.includes(name))
		.map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
}

export function ok(description: string, schema: Record<string, unknown>, status = 200) {
	return { [String(status)]: { description, content: { 'application/json': { schema } } } };
}

export const i18nTextSchema = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
