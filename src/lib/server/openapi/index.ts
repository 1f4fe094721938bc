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
import { errorSchema } from './shared';

export type PathItem = Record<string, unknown>;

const contributors: Record<string, PathItem>[] = [foundationPaths, schedulePaths, registrationsPaths, checkinPaths, partnersPaths];

export function document(baseUrl: string) {
	const paths: Record<string, PathItem> = {};
	for (const c of contributors) for (const [path, item] of Object.entries(c)) paths[path] = { ...(paths[path] ?? {}), ...item };
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
			securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /auth/token or the account page.' } },
			schemas: { Error: errorSchema }
		},
		paths
	};
}

export function registerPaths(paths: Record<string, PathItem>) {
	contributors.push(paths);
}
