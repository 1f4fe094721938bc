/** Access entries for the matchmaking pages (issue 14): the attendee's, the organizer's and the partner portal's. */
import { ORGANIZERS, SIGNED_IN, type Entry } from './matrix';

const me = '/(authed)/me/matchmaking';
const org = '/(authed)/organizer/events/[slug]/matchmaking';
const ev = '/organizer/events/{slug}/matchmaking';
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const posts = (route: string, path: string, actions: string[], allow: Entry['allow']): Entry[] => actions.map((a) => ({ route, method: `POST ?/${a}`, path, allow, denyOnly: true }));

export const matchmakingPages: Entry[] = [
	// Every signed-in person has a matchmaking area; without a registration it says how to take part.
	{ route: me, method: 'GET', path: '/me/matchmaking', allow: SIGNED_IN },
	{ route: `${me}/profile`, method: 'GET', path: '/me/matchmaking/profile', allow: SIGNED_IN },
	...posts(`${me}/profile`, '/me/matchmaking/profile', ['save', 'opening', 'removeOpening'], SIGNED_IN),
	{ route: `${me}/directory`, method: 'GET', path: '/me/matchmaking/directory', allow: SIGNED_IN },
	// A profile that does not exist is 404 whoever asks; real ones are tested in matchmaking-pages.test.ts.
	{ route: `${me}/people/[id]`, method: 'GET', path: `/me/matchmaking/people/${NO_SUCH}`, allow: [] },
	...posts(`${me}/people/[id]`, `/me/matchmaking/people/${NO_SUCH}`, ['request'], SIGNED_IN),
	{ route: `${me}/requests`, method: 'GET', path: '/me/matchmaking/requests', allow: SIGNED_IN },
	...posts(`${me}/requests`, '/me/matchmaking/requests', ['respond', 'withdraw'], SIGNED_IN),
	{ route: `${me}/meetings`, method: 'GET', path: '/me/matchmaking/meetings', allow: SIGNED_IN },
	...posts(`${me}/meetings`, '/me/matchmaking/meetings', ['held', 'report', 'rate', 'outcome', 'unavailable'], SIGNED_IN),
	{ route: org, method: 'GET', path: ev, allow: ORGANIZERS },
	...posts(org, ev, ['settings', 'session', 'broker'], ORGANIZERS),
	{ route: `${org}/board`, method: 'GET', path: `${ev}/board`, allow: ORGANIZERS },
	...posts(`${org}/board`, `${ev}/board`, ['schedule', 'publish', 'place', 'unplace', 'lock'], ORGANIZERS),
	{ route: `${org}/figures`, method: 'GET', path: `${ev}/figures`, allow: ORGANIZERS },
	// A profile photo that does not exist is 404 whoever asks; real ones are tested in verbs.test.ts.
	{ route: '/match/photos/[id]', method: 'GET', path: `/match/photos/${NO_SUCH}`, allow: [] },
	{ route: '/(authed)/partner/matchmaking', method: 'GET', path: '/partner/matchmaking', allow: ['partner'] },
	...posts('/(authed)/partner/matchmaking', '/partner/matchmaking', ['broker'], ['partner'])
];
