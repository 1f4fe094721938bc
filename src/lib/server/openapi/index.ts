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
import { errorSchema } from './shared';
import { API_ROUTE_SCOPES, type Need } from '../auth/scopes';
import { API_SCOPES } from '$lib/schemas/auth';

export type PathItem = Record<string, unknown>;

const contributors: Record<string, PathItem>[] = [foundationPaths, schedulePaths, registrationsPaths, checkinPaths, partnersPaths, visaPaths];

/** `/registrations/{id}` and `/api/v1/registrations/[id]` compare equal. */
const shape = (p: string) => p.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}|\[[^\]]+\]/g, '*');
const scopeTable = new Map(Object.entries(API_ROUTE_SCOPES).map(([id, methods]) => [shape(id), methods as Record<string, Need>]));

/** Each operation lists the scope its token needs, from the table the server enforces. */
function withScopes(path: string, item: PathItem): PathItem {
	const methods = scopeTable.get(shape(path));
	const out: PathItem = {};
	for (const [method, op] of Object.entries(item)) {
		const need = methods?.[method.toUpperCase()];
		out[method] = typeof need === 'string' && need !== 'public' ? { ...(op as object), security: [{ bearer: need === 'token' ? [] : [need] }] } : op;
	}
	return out;
}

export function document(baseUrl: string) {
	const paths: Record<string, PathItem> = {};
	for (const c of contributors) for (const [path, item] of Object.entries(c)) paths[path] = withScopes(path, { ...(paths[path] ?? {}), ...item });
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
