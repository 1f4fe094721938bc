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
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}
