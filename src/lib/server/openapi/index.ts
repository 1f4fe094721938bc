/**
 * The OpenAPI 3.1 document of `/api/v1`. Request bodies are generated from the same zod schemas
 * that validate them (`z.toJSONSchema`), so the document cannot drift from the code. Each domain
 * contributes its paths in a file beside this one.
 */
import { foundationPaths } from './foundation';
import { schedulePaths } from './schedule';
import { registrationsPaths } from './registrations';
import { checkinPaths } from './checkin';
import { partnersPaths } from './partners';
import { visaPaths } from './visa';
import { matchmakingPaths } from './matchmaking';
import { errorRef, errorSchema } from './shared';
import { API_ROUTE_SCOPES, type Need } from '../auth/scopes';
import { API_SCOPES } from '$lib/schemas/auth';

export type PathItem = Record<string, unknown>;

const contributors: Record<string, PathItem>[] = [foundationPaths, schedulePaths, registrationsPaths, checkinPaths, partnersPaths, visaPaths, matchmakingPaths];

/** `/registrations/{id}` and `/api/v1/registrations/[id]` compare equal. */
const shape = (p: string) => p.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}|\[[^\]]+\]/g, '*');
const scopeTable = new Map(Object.entries(API_ROUTE_SCOPES).map(([id, methods]) => [shape(id), methods as Record<string, Need>]));

/** Each operation lists the scope its token needs, from the table the server enforces. */
function withScopes(path: string, item: PathItem): PathItem {
	const methods = scopeTable.get(shape(path));
	const out: PathItem = {};
	for (const [method, op] of Object.entries(item)) {
		if (!METHODS.includes(method)) {
			out[method] = op;
			continue;
		}
		const need = methods?.[method.toUpperCase()];
		out[method] = typeof need === 'string' && need !== 'public' ? { ...(op as object), security: [{ bearer: need === 'token' ? [] : [need] }] } : op;
	}
	return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const GENERIC: Record<string, string> = {
	'400': '`invalid_input`: a path segment, query value or body field that is malformed, too long or holds NUL, control characters or lone surrogates (`fields` names the body fields)',
	'401': '`unauthenticated`: no valid token',
	'403': '`forbidden` (the role does not allow it) or `insufficient_scope` (`details.required` names the scope)',
	'404': '`not_found`',
	'413': '`invalid_input`: the body is over 1 MB',
	'503': '`database_unavailable`: the database is away; retry shortly'
};

/**
 * The statuses every operation of a kind can answer, added where a contributor did not list them:
 * 400 and 503 for all (URL hygiene runs before any handler; the database can be away), 401 and 403
 * for authenticated ones, 404 where the path names something, 413 where a body is read.
 */
function withStandardResponses(item: PathItem): PathItem {
	const out: PathItem = {};
	const itemParams = (item.parameters as { in: string }[] | undefined) ?? [];
	for (const [method, value] of Object.entries(item)) {
		if (!METHODS.includes(method)) {
			out[method] = value;
			continue;
		}
		const op = value as { security?: unknown[]; requestBody?: unknown; parameters?: { in: string }[]; responses: Record<string, unknown> };
		const statuses = ['400', '503'];
		if (op.security?.length) statuses.push('401', '403');
		if ([...itemParams, ...(op.parameters ?? [])].some((p) => p.in === 'path')) statuses.push('404');
		if (op.requestBody) statuses.push('413');
		const responses: Record<string, unknown> = { ...op.responses };
		for (const st of statuses) responses[st] ??= { description: GENERIC[st], content: { 'application/json': { schema: errorRef } } };
		// Node's HTTP parser answers this one itself, without a body, before the app sees the request.
		responses['431'] ??= { description: 'The request line and headers are over 16 KB (a very long URL)' };
		out[method] = { ...op, responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) };
	}
	return out;
}

export function document(baseUrl: string) {
	const paths: Record<string, PathItem> = {};
	for (const c of contributors) for (const [path, item] of Object.entries(c)) paths[path] = withScopes(path, { ...(paths[path] ?? {}), ...item });
	for (const [path, item] of Object.entries(paths)) paths[path] = withStandardResponses(item);
	return {
		openapi: '3.1.0',
		info: {
			title: 'Innovation Week API',
			version: '1.0.0',
			description:
				'Program, partners, registration and check-in of an innovation and talent week. Errors are `{"error": {"code", "message"}}` with the message in the language of `Accept-Language` or `?lang=`.'
		},
		servers: [{ url: `${baseUrl}/api/v1` }],
		components: {
			securitySchemes: {
				bearer: {
					type: 'http',
					scheme: 'bearer',
					description: `A personal token (\`hwk_...\`) from POST /auth/token or the account page, or a scanner device token (\`hwd_...\`, check-in operations of its event only). Personal tokens carry scopes, chosen when they are made: ${API_SCOPES.join(', ')}; each operation's \`security\` names the one it needs (403 \`insufficient_scope\` otherwise). Tokens with the scope \`api\` (made before scopes existed, or without \`scopes\`) have full access. A scope never gives more than the owner's role allows.`
				}
			},
			schemas: { Error: errorSchema }
		},
		paths
	};
}

export function registerPaths(paths: Record<string, PathItem>) {
	contributors.push(paths);
}
