/**
 * Access entries for visa invitation letters (issue 16). {visaRequest} is the demo attendee's own
 * request (an issued letter): the attendee and organizers may read it and its PDF, nobody else;
 * visa.test.ts proves a representative sees its own delegates' requests only.
 */
import { EVERYONE, ORGANIZERS, SIGNED_IN, type Entry } from './matrix';

const ev = '/organizer/events/{slug}';
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const OWNER_OR_ORGANIZERS = ['attendee', 'organizer', 'admin'] as const;
export const visa: Entry[] = [
	{ route: '/(authed)/me/visa', method: 'GET', path: '/me/visa', allow: SIGNED_IN },
	// Empty forms: the signed-in get their validation messages back; nothing is stored.
	{ route: '/(authed)/me/visa', method: 'POST ?/request', path: '/me/visa', allow: SIGNED_IN },
	{ route: '/(authed)/me/visa', method: 'POST ?/update', path: '/me/visa', allow: SIGNED_IN },
	{ route: '/(authed)/partner/visa', method: 'GET', path: '/partner/visa', allow: ['partner'] },
	{ route: '/(authed)/partner/visa', method: 'POST ?/request', path: '/partner/visa', allow: ['partner'] },
	{ route: '/(authed)/partner/visa', method: 'POST ?/update', path: '/partner/visa', allow: ['partner'] },
	{ route: '/(authed)/organizer/events/[slug]/visa', method: 'GET', path: `${ev}/visa`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/visa', method: 'POST ?/settings', path: `${ev}/visa`, allow: ORGANIZERS },
	// Without files it changes nothing.
	{ route: '/(authed)/organizer/events/[slug]/visa', method: 'POST ?/images', path: `${ev}/visa`, allow: ORGANIZERS },
	{ route: '/(authed)/organizer/events/[slug]/visa/[id]', method: 'GET', path: `${ev}/visa/{visaRequest}`, allow: ORGANIZERS },
	// Decisions on a request that does not exist are 404 for organizers too (the page after the
	// action has nothing to show); decisions on real requests are tested in visa.test.ts.
	{ route: '/(authed)/organizer/events/[slug]/visa/[id]', method: 'POST ?/approve', path: `${ev}/visa/${NO_SUCH}`, allow: [] },
	{ route: '/(authed)/organizer/events/[slug]/visa/[id]', method: 'POST ?/revoke', path: `${ev}/visa/${NO_SUCH}`, allow: [] },
	{ route: '/(authed)/organizer/events/[slug]/visa/[id]', method: 'POST ?/reject', path: `${ev}/visa/${NO_SUCH}`, allow: [] },
	{ route: '/(authed)/organizer/events/[slug]/visa/[id]', method: 'POST ?/correct', path: `${ev}/visa/${NO_SUCH}`, allow: [] },
	{ route: '/verify/[code]', method: 'GET', path: '/verify/AAAAAAAAAA', allow: EVERYONE },
	{ route: '/api/v1/events/[slug]/visa/requests', method: 'GET', path: '/api/v1/events/{slug}/visa/requests', allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/visa/requests', method: 'POST', path: '/api/v1/events/{slug}/visa/requests', allow: SIGNED_IN },
	{ route: '/api/v1/events/[slug]/visa/approved.csv', method: 'GET', path: '/api/v1/events/{slug}/visa/approved.csv', allow: ORGANIZERS },
	{ route: '/api/v1/visa/requests/[id]', method: 'GET', path: '/api/v1/visa/requests/{visaRequest}', allow: [...OWNER_OR_ORGANIZERS] },
	// An empty body is refused by validation before the request is looked up.
	{ route: '/api/v1/visa/requests/[id]', method: 'PATCH', path: `/api/v1/visa/requests/${NO_SUCH}`, allow: SIGNED_IN },
	{ route: '/api/v1/visa/requests/[id]/letter.pdf', method: 'GET', path: '/api/v1/visa/requests/{visaRequest}/letter.pdf', allow: [...OWNER_OR_ORGANIZERS] },
	{ route: '/api/v1/visa/requests/[id]/approve', method: 'POST', path: `/api/v1/visa/requests/${NO_SUCH}/approve`, allow: [] },
	{ route: '/api/v1/visa/requests/[id]/revoke', method: 'POST', path: `/api/v1/visa/requests/${NO_SUCH}/revoke`, allow: [] },
	{ route: '/api/v1/visa/requests/[id]/reject', method: 'POST', path: `/api/v1/visa/requests/${NO_SUCH}/reject`, allow: ORGANIZERS },
	{ route: '/api/v1/visa/requests/[id]/correct', method: 'POST', path: `/api/v1/visa/requests/${NO_SUCH}/correct`, allow: ORGANIZERS },
	// Public: an unknown code is the verdict `unknown` for everyone; real codes are verified in visa.test.ts.
	{ route: '/api/v1/visa/verify/[code]', method: 'GET', path: '/api/v1/visa/verify/AAAAAAAAAA', allow: EVERYONE }
];
