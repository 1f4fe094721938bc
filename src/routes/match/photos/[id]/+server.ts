import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { DomainError } from '$lib/server/errors';

/** A matchmaking profile's photo (MeetingView/ProfileView `photo`), for those who may see the profile. */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user) error(404, { message: 'not_found', code: 'not_found' });
	try {
		const photo = await matchmaking.photo(locals.user, params.id);
		return new Response(photo.bytes as unknown as BodyInit, { headers: { 'content-type': photo.type, 'cache-control': 'private, max-age=3600', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff' } });
	} catch (e) {
		if (e instanceof DomainError) error(404, { message: 'not_found', code: 'not_found' });
		throw e;
	}
};
