import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import * as partners from '$lib/server/partners';
import { isDomainError } from '$lib/server/errors';

/**
 * A pitch deck, for its partner's representatives and organizers only (anyone else: 404). Served as
 * an attachment with a fixed type, nosniff and a sandboxing CSP, so a crafted file cannot run here.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user) error(404, { message: 'not_found', code: 'not_found' });
	try {
		const { bytes, filename } = await partners.projects.deck(locals.user, params.id);
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${filename}"`,
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (isDomainError(e)) error(404, { message: 'not_found', code: 'not_found' });
		throw e;
	}
};
