import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import * as partners from '$lib/server/partners';
import { isDomainError } from '$lib/server/errors';

/** Public logos of active partners, with the type sniffed from their bytes, never guessed by name. */
export const GET: RequestHandler = async ({ params }) => {
	try {
		const { bytes, type } = await partners.logo(params.slug);
		return new Response(new Uint8Array(bytes), {
			headers: { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300', 'content-security-policy': "default-src 'none'" }
		});
	} catch (e) {
		if (isDomainError(e)) error(404, { message: 'not_found', code: 'not_found' });
		throw e;
	}
};
