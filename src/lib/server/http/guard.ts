/** Page guards: every protected page's own server load calls one (a layout load guards nothing). */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { mayEnter, type Actor, type Area } from '../auth/access';

export function requirePageUser(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

export function requirePageArea(event: Pick<RequestEvent, 'locals' | 'url'>, area: Area): Actor {
	const user = requirePageUser(event);
	if (!mayEnter(user, area)) error(403, { message: 'forbidden', code: 'forbidden' });
	return user;
}

/** Only same-site paths are followed after login, so `?next=` cannot send people elsewhere. */
export function safeNext(next: string | null | undefined, fallback: string): string {
	// Browsers drop tabs and newlines and read "\\" as "/" in URLs: "/\t/evil.example" is "//evil.example".
	if (!next || next.length > 2000 || !next.startsWith('/') || next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
	const base = 'http://same.invalid';
	let u: URL;
	try {
		u = new URL(next, base);
	} catch {
		return fallback;
	}
	return u.origin === base ? u.pathname + u.search + u.hash : fallback;
}
