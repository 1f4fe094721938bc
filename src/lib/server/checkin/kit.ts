/** The check-in domain's SvelteKit adapter (the only file of the domain importing @sveltejs/kit). */

/** The scanner behind an API request (a device token, else a staff account): shared by the check-in routes. */
import type { RequestEvent } from '@sveltejs/kit';
import { deviceTokenOf, resolveScanner } from './devices';

export function scannerOf(event: Pick<RequestEvent, 'request' | 'locals'>) {
	return resolveScanner(deviceTokenOf(event.request.headers.get('authorization')), event.locals.user);
}
