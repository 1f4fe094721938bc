/**
 * Access entries for the matchmaking JSON API (issue 14). Reads are open to the signed-in (the
 * domain answers the unregistered `match_not_registered`, those without a profile empty lists or
 * 409); bodies are validated after the sign-in check, so empty bodies are 400 for the signed-in.
 * Scheduling and publishing change the demo (and send mail): checked for denial only here,
 * exercised in matchmaking-api.test.ts.
 */
import { ORGANIZERS, SIGNED_IN, type Entry } from './matrix';

const api = '/api/v1/events/{slug}/match';
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
export const matchApi: Entry[] = [
	{ route: '/api/v1/events/[slug]/match/profile', method: 'GET', path: `${api}/profile`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/profile', method: 'PUT', path: `${api}/profile`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/directory', method: 'GET', path: `${api}/directory?q=a`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/recommendations', method: 'GET', path: `${api}/recommendations`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/requests', method: 'GET', path: `${api}/requests`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/requests', method: 'POST', path: `${api}/requests`, allow: SIGNED_IN },
	{ route: '/api/v1/match/requests/[id]/respond', method: 'POST', path: `/api/v1/match/requests/${NO_SUCH}/respond`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/meetings', method: 'GET', path: `${api}/meetings`, allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/match/meetings', method: 'GET', path: `${api}/meetings?all=1`, allow: ORGANIZERS },
	{ route: '/api/v1/events/[slug]/match/schedule', method: 'POST', path: `${api}/schedule`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/api/v1/events/[slug]/match/schedule/publish', method: 'POST', path: `${api}/schedule/publish`, allow: ORGANIZERS, denyOnly: true }
];
