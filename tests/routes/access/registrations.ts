/** Access entries for registration, seats, badges and the organizers' review (issue 4). */
import { EVERYONE, ORGANIZERS, SIGNED_IN, type Entry } from './matrix';

const ev = '/organizer/events/{slug}';
const OWNER_OR_ORGANIZERS = ['attendee', 'organizer', 'admin'] as const;
export const registrations: Entry[] = [
	{ route: '/privacy', method: 'GET', path: '/privacy', allow: EVERYONE },
	{ route: '/(authed)/events/[slug]/register', method: 'GET', path: '/events/{slug}/register', allow: SIGNED_IN },
	{ route: '/(authed)/events/[slug]/register', method: 'POST ?/default', path: '/events/{slug}/register', allow: SIGNED_IN },
	{ route: '/(authed)/events/[slug]/sessions/[code]/book', method: 'GET', path: '/events/{slug}/sessions/{code}/book', allow: SIGNED_IN },
	{ route: '/(authed)/events/[slug]/sessions/[code]/book', method: 'POST ?/default', path: '/events/{slug}/sessions/{code}/book', allow: SIGNED_IN },
	{ route: '/(authed)/me', method: 'POST ?/answers', path: '/me', allow: SIGNED_IN },
	{ route: '/(authed)/me', method: 'POST ?/cancel', path: '/me', allow: SIGNED_IN, denyOnly: true },
	{ route: '/(authed)/me', method: 'POST ?/deleteAccount', path: '/me', allow: SIGNED_IN, denyOnly: true },
	{ route: '/(authed)/me/data.json', method: 'GET', path: '/me/data.json', allow: SIGNED_IN },
	{ route: '/(authed)/organizer/events/[slug]/categories', method: 'GET', path: `${ev}/categories`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/categories', method: 'POST ?/save', path: `${ev}/categories`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/categories', method: 'POST ?/delete', path: `${ev}/categories`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/registrations', method: 'GET', path: `${ev}/registrations`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/registrations', method: 'POST ?/bulk', path: `${ev}/registrations`, allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/events/[slug]/registrations/export.csv', method: 'GET', path: `${ev}/registrations/export.csv`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/registrations/[id]', method: 'GET', path: `${ev}/registrations/{registration}`, allow: ORGANIZERS },
	...(['answers', 'resend', 'status', 'reissue'] as const).map((a) => ({ route: '/(authed)/organizer/events/[slug]/registrations/[id]', method: `POST ?/${a}`, path: `${ev}/registrations/{registration}`, allow: ORGANIZERS, denyOnly: true })),
	{ route: '/api/v1/events/[slug]/categories', method: 'GET', path: '/api/v1/events/{slug}/categories', allow: EVERYONE },
	{ route: '/api/v1/events/[slug]/categories', method: 'POST', path: '/api/v1/events/{slug}/categories', allow: ORGANIZERS },
	{ route: '/api/v1/events/[slug]/categories/[category]', method: 'PATCH', path: '/api/v1/events/{slug}/categories/guest', allow: ORGANIZERS, denyOnly: true },
	{ route: '/api/v1/events/[slug]/categories/[category]', method: 'DELETE', path: '/api/v1/events/{slug}/categories/guest', allow: ORGANIZERS, denyOnly: true },
	{ route: '/api/v1/events/[slug]/registrations', method: 'GET', path: '/api/v1/events/{slug}/registrations', allow: ORGANIZERS },
	{ route: '/api/v1/events/[slug]/registrations', method: 'POST', path: '/api/v1/events/{slug}/registrations', allow: SIGNED_IN },
	{ route: '/api/v1/registrations/[id]', method: 'GET', path: '/api/v1/registrations/{registration}', allow: [...OWNER_OR_ORGANIZERS] },
	...(['svg', 'png', 'pdf'] as const).map((x) => ({ route: `/api/v1/registrations/[id]/badge.${x}`, method: 'GET', path: `/api/v1/registrations/{registration}/badge.${x}`, allow: [...OWNER_OR_ORGANIZERS] })),
	{ route: '/api/v1/registrations/[id]/cancel', method: 'POST', path: '/api/v1/registrations/{registration}/cancel', allow: [...OWNER_OR_ORGANIZERS], denyOnly: true },
	...(['approve', 'reject', 'waitlist', 'reissue'] as const).map((a) => ({ route: `/api/v1/registrations/[id]/${a}`, method: 'POST', path: `/api/v1/registrations/{registration}/${a}`, allow: ORGANIZERS, denyOnly: true }))
];
