/** Access entries for the program, feeds and the organizers' schedule editor (issue 3). */
import { EVERYONE, ORGANIZERS, SIGNED_IN, type Entry } from './matrix';

const ev = '/organizer/events/{slug}';
export const schedule: Entry[] = [
	{ route: '/events/[slug]', method: 'GET', path: '/events/{slug}', allow: EVERYONE },
	{ route: '/events/[slug]', method: 'POST ?/star', path: '/events/{slug}', allow: SIGNED_IN },
	{ route: '/events/[slug]', method: 'POST ?/unstar', path: '/events/{slug}', allow: SIGNED_IN },
	{ route: '/events/[slug]/sessions/[code]', method: 'GET', path: '/events/{slug}/sessions/{code}', allow: EVERYONE },
	{ route: '/events/[slug]/sessions/[code]', method: 'POST ?/star', path: '/events/{slug}/sessions/{code}', allow: SIGNED_IN },
	{ route: '/events/[slug]/sessions/[code]', method: 'POST ?/unstar', path: '/events/{slug}/sessions/{code}', allow: SIGNED_IN },
	{ route: '/events/[slug]/sessions/[code].ics', method: 'GET', path: '/events/{slug}/sessions/{code}.ics', allow: EVERYONE },
	{ route: '/events/[slug]/speakers/[speaker]', method: 'GET', path: '/events/{slug}/speakers/speaker-1', allow: EVERYONE },
	// The demo speakers have no photo: 404 for everyone.
	{ route: '/events/[slug]/speakers/[speaker]/photo', method: 'GET', path: '/events/{slug}/speakers/speaker-1/photo', allow: [] },
	{ route: '/events/[slug]/program.ics', method: 'GET', path: '/events/{slug}/program.ics', allow: EVERYONE },
	{ route: '/events/[slug]/tracks/[track].ics', method: 'GET', path: '/events/{slug}/tracks/ai.ics', allow: EVERYONE },
	{ route: '/events/[slug]/schedule.json', method: 'GET', path: '/events/{slug}/schedule.json', allow: EVERYONE },
	{ route: '/events/[slug]/schedule.xml', method: 'GET', path: '/events/{slug}/schedule.xml', allow: EVERYONE },
	{ route: '/api/v1/events/[slug]/sessions', method: 'GET', path: '/api/v1/events/{slug}/sessions', allow: EVERYONE },
	// A feed URL is its own credential: a wrong token is 404 whoever asks.
	{ route: '/agenda/[token].ics', method: 'GET', path: '/agenda/not-a-real-token.ics', allow: [] },
	{ route: '/(authed)/me/agenda', method: 'GET', path: '/me/agenda', allow: SIGNED_IN },
	{ route: '/(authed)/me/agenda', method: 'POST ?/rotate', path: '/me/agenda', allow: SIGNED_IN, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]', method: 'GET', path: ev, allow: ORGANIZERS },
	...(['event', 'room', 'speaker', 'track', 'venue'] as const).map((a) => ({ route: '/(authed)/organizer/events/[slug]', method: `POST ?/${a}`, path: ev, allow: ORGANIZERS, denyOnly: true })),
	{ route: '/(authed)/organizer/events/[slug]/import', method: 'GET', path: `${ev}/import`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/import', method: 'POST ?/import', path: `${ev}/import`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/releases', method: 'GET', path: `${ev}/releases`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/releases', method: 'POST ?/release', path: `${ev}/releases`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/releases/[version]', method: 'GET', path: `${ev}/releases/1`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/schedule', method: 'GET', path: `${ev}/schedule`, allow: ORGANIZERS },
	...(['copyBreak', 'move', 'nudge'] as const).map((a) => ({ route: '/(authed)/organizer/events/[slug]/schedule', method: `POST ?/${a}`, path: `${ev}/schedule`, allow: ORGANIZERS, denyOnly: true })),
	{ route: '/(authed)/organizer/events/[slug]/schedule/move', method: 'POST', path: `${ev}/schedule/move`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/sessions', method: 'GET', path: `${ev}/sessions`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/sessions.csv', method: 'GET', path: `${ev}/sessions.csv`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/sessions/[code]', method: 'GET', path: `${ev}/sessions/{code}`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/sessions/[code]', method: 'POST ?/save', path: `${ev}/sessions/{code}`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/sessions/[code]', method: 'POST ?/delete', path: `${ev}/sessions/{code}`, allow: ORGANIZERS, denyOnly: true }
];
