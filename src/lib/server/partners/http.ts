/** Maps the domain's not_found (and other codes) to SvelteKit page errors, for page loads. */
import { error } from '@sveltejs/kit';
import { isDomainError } from '../errors';

export function pageError(e: unknown): never {
	if (isDomainError(e)) error(e.status, { message: e.code, code: e.code });
	throw e;
}
