/** Resolves who is calling: a session cookie for the browser, a bearer token for the API. */
import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions, validateSession } from '../auth/sessions';
import * as apiTokens from '../auth/api-tokens';

const renewed = new WeakSet<RequestEvent['request']>();

/** Whether authentication set the session cookie anew on this request (a page from memory would drop it). */
export function cookieRenewed(event: Pick<RequestEvent, 'request'>): boolean {
	return renewed.has(event.request);
}

export async function authenticateRequest(event: RequestEvent) {
	event.locals.user = null;
	event.locals.auth = null;
	event.locals.sessionToken = null;
	event.locals.scopes = [];

	const header = event.request.headers.get('authorization');
	if (header?.toLowerCase().startsWith('bearer ')) {
		const actor = await apiTokens.authenticate(header.slice(7).trim());
		if (actor) {
			const { tokenId: _t, scopes, ...user } = actor;
			event.locals.user = user;
			event.locals.auth = 'bearer';
			event.locals.scopes = scopes;
		}
		return;
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return;
	const result = await validateSession(token);
	if (!result) {
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		return;
	}
	event.locals.user = { ...result.user, partnerId: result.user.partnerId ?? null };
	event.locals.auth = 'session';
	event.locals.sessionToken = token;
	// Keep the cookie's lifetime in step with the sliding expiry.
	if (result.renewed) {
		event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url.protocol === 'https:', result.session.expiresAt));
		renewed.add(event.request);
	}
}
