/** Access entries for partner organisations, the partner portal, invitations and projects (issue 6). */
import { EVERYONE, ORGANIZERS, type Entry } from './matrix';

const ev = '/organizer/events/{slug}';
const OWN_PARTNER_OR_ORGANIZERS = ['partner', 'organizer', 'admin'] as const;
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
export const partners: Entry[] = [
	{ route: '/partners', method: 'GET', path: '/partners', allow: EVERYONE },
	{ route: '/partners/logo/[slug]', method: 'GET', path: '/partners/logo/no-such-partner', allow: [] },
	{ route: '/api/v1/events/[slug]/partners', method: 'GET', path: '/api/v1/events/{slug}/partners', allow: EVERYONE },
	{ route: '/api/v1/partners/[id]/delegates', method: 'GET', path: '/api/v1/partners/{partnerId}/delegates', allow: [...OWN_PARTNER_OR_ORGANIZERS] },
	// A deck that does not exist is 404 whoever asks; real decks are tested per partner in partners.test.ts.
	{ route: '/files/decks/[id]', method: 'GET', path: `/files/decks/${NO_SUCH}`, allow: [] },
	{ route: '/(authed)/organizer/partners', method: 'GET', path: '/organizer/partners', allow: ORGANIZERS },
	{ route: '/(authed)/organizer/partners', method: 'POST ?/create', path: '/organizer/partners', allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/organizer/partners/[id]', method: 'GET', path: '/organizer/partners/{partnerId}', allow: ORGANIZERS },
	...(['invite', 'logo', 'quota', 'save'] as const).map((a) => ({ route: '/(authed)/organizer/partners/[id]', method: `POST ?/${a}`, path: '/organizer/partners/{partnerId}', allow: ORGANIZERS, denyOnly: true })),
	{ route: '/(authed)/organizer/events/[slug]/partners', method: 'GET', path: `${ev}/partners`, allow: ORGANIZERS },
	...(['place', 'shortlist'] as const).map((a) => ({ route: '/(authed)/organizer/events/[slug]/partners', method: `POST ?/${a}`, path: `${ev}/partners`, allow: ORGANIZERS, denyOnly: true })),
	// Without a delegate's id it changes nothing, so it is also called as an organizer (and fuzzed).
	{ route: '/(authed)/organizer/events/[slug]/partners', method: 'POST ?/category', path: `${ev}/partners`, allow: ORGANIZERS },
	{ route: '/(authed)/partner', method: 'POST ?/profile', path: '/partner', allow: ['partner'], denyOnly: true },
	{ route: '/(authed)/partner/delegates', method: 'GET', path: '/partner/delegates', allow: ['partner'] },
	...(['csv', 'nominate', 'resend', 'withdraw'] as const).map((a) => ({ route: '/(authed)/partner/delegates', method: `POST ?/${a}`, path: '/partner/delegates', allow: ['partner' as const], denyOnly: true })),
	{ route: '/(authed)/partner/delegates/export.csv', method: 'GET', path: '/partner/delegates/export.csv', allow: ['partner'] },
	{ route: '/(authed)/partner/projects', method: 'GET', path: '/partner/projects', allow: ['partner'] },
	{ route: '/(authed)/partner/projects', method: 'POST ?/submit', path: '/partner/projects', allow: ['partner'], denyOnly: true },
	// An invitation link is its own credential: anyone may open one; an unknown or used token shows
	// an explanation and accepts nothing (partners.test.ts proves a link serves one person only).
	...(['/invitations/[token]', '/invitations/partner/[token]'] as const).flatMap((route) => {
		const path = route.replace('[token]', 'not-a-real-invitation-token');
		return [
			{ route, method: 'GET', path, allow: EVERYONE },
			...(['accept', 'login', 'signup'] as const).map((a) => ({ route, method: `POST ?/${a}`, path, allow: EVERYONE, denyOnly: a === 'accept' }))
		];
	})
];
