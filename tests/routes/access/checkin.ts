/** Access entries for checkpoints, scanners, check-in and the live dashboard (issue 5). */
import { EVERYONE, ORGANIZERS, STAFF, type Entry } from './matrix';

const ev = '/organizer/events/{slug}';
export const checkin: Entry[] = [
	{ route: '/(authed)/organizer/events/[slug]/checkpoints', method: 'GET', path: `${ev}/checkpoints`, allow: ORGANIZERS },
	...(['archive', 'create', 'pair', 'revoke'] as const).map((a) => ({ route: '/(authed)/organizer/events/[slug]/checkpoints', method: `POST ?/${a}`, path: `${ev}/checkpoints`, allow: ORGANIZERS, denyOnly: true })),
	{ route: '/(authed)/organizer/events/[slug]/live', method: 'GET', path: `${ev}/live`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/live/stream', method: 'GET', path: `${ev}/live/stream`, allow: ORGANIZERS },
	{ route: '/api/v1/checkins', method: 'POST', path: '/api/v1/checkins', allow: STAFF },
	{ route: '/api/v1/checkpoints/[id]/counters', method: 'GET', path: '/api/v1/checkpoints/{checkpoint}/counters', allow: STAFF },
	{ route: '/api/v1/checkpoints/[id]/lookup', method: 'GET', path: '/api/v1/checkpoints/{checkpoint}/lookup?q=Example', allow: STAFF },
	// Pairing is how a phone without an account gets its device token: the one-time code is the credential.
	{ route: '/api/v1/devices/pair', method: 'POST', path: '/api/v1/devices/pair', allow: EVERYONE },
	{ route: '/api/v1/events/[slug]/checkpoints', method: 'GET', path: '/api/v1/events/{slug}/checkpoints', allow: STAFF },
	{ route: '/api/v1/events/[slug]/checkpoints', method: 'POST', path: '/api/v1/events/{slug}/checkpoints', allow: ORGANIZERS },
	{ route: '/api/v1/events/[slug]/scanner-sync', method: 'GET', path: '/api/v1/events/{slug}/scanner-sync', allow: STAFF },
	// The scanner pages are an offline-capable shell; they hold no data until a device token or a staff login fetches it.
	{ route: '/scan/[event]', method: 'GET', path: '/scan/{slug}', allow: EVERYONE },
	{ route: '/scan/[event]/[checkpoint]', method: 'GET', path: '/scan/{slug}/{checkpoint}', allow: EVERYONE },
	{ route: '/scan/pair', method: 'GET', path: '/scan/pair', allow: EVERYONE }
];
