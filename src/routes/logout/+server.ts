import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { invalidateSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/http/session-cookie';

/** Log out: a POST (never a GET, so a link or image cannot log anyone out), same-origin only. */
export const POST: RequestHandler = async ({ locals, cookies, request, url }) => {
	if (request.headers.get('origin') !== url.origin) redirect(303, '/');
	if (locals.sessionToken) await invalidateSession(locals.sessionToken);
	clearSessionCookie(cookies);
	redirect(303, '/login?loggedOut=1');
};
