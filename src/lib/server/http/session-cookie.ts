import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/sessions';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url.protocol === 'https:', expiresAt));
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The client's address for rate limits; behind a proxy adapter-node reads ADDRESS_HEADER. */
export function clientAddress(event: { getClientAddress(): string }): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
