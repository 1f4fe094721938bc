/**
 * The access matrix: every route, form action and endpoint, with who may use it. The test in
 * `access.test.ts` enumerates the routes under src/routes and fails when one has no entry here, then
 * requests each entry as every role and checks the answer.
 *
 * `path` may use placeholders filled from the demo data: {slug} (the demo event), {code} (a session
 * code), {registration} (the demo attendee's registration id), {partnerId} (the demo partner's id).
 */
export type Who = 'anonymous' | 'attendee' | 'partner' | 'staff' | 'organizer' | 'admin';
export const EVERYONE: Who[] = ['anonymous', 'attendee', 'partner', 'staff', 'organizer', 'admin'];
export const SIGNED_IN: Who[] = ['attendee', 'partner', 'staff', 'organizer', 'admin'];
export const STAFF: Who[] = ['staff', 'organizer', 'admin'];
export const ORGANIZERS: Who[] = ['organizer', 'admin'];

/** The demo logins, one per role (password `demo-password`). */
export const LOGINS: Record<Exclude<Who, 'anonymous'>, string> = {
	attendee: 'attendee@example.com',
	partner: 'partner@example.com',
	staff: 'staff@example.com',
	organizer: 'organizer@example.com',
	admin: 'admin@example.com'
};

export interface Entry {
	/** SvelteKit route id, e.g. "/(authed)/admin/users". */
	route: string;
	/** HTTP method, or "POST ?/action" for a named form action ("POST ?/default" for the default one). */
	method: string;
	path: string;
	allow: Who[];
	/** Extra request options for this entry (body, headers). */
	init?: RequestInit;
	/** Entries that change state are checked for denial only (an allowed call would alter the demo data). */
	denyOnly?: boolean;
}

export const foundation: Entry[] = [
	{ route: '/', method: 'GET', path: '/', allow: EVERYONE },
	{ route: '/healthz', method: 'GET', path: '/healthz', allow: EVERYONE },
	{ route: '/lang', method: 'POST', path: '/lang', allow: EVERYONE },
	{ route: '/logout', method: 'POST', path: '/logout', allow: EVERYONE, denyOnly: true },
	{ route: '/(auth)/login', method: 'GET', path: '/login', allow: EVERYONE },
	{ route: '/(auth)/login', method: 'POST ?/default', path: '/login', allow: EVERYONE },
	// Without a pending two-factor challenge (a right password first) this page sends everyone to /login.
	{ route: '/(auth)/login/2fa', method: 'GET', path: '/login/2fa', allow: [] },
	{ route: '/(auth)/login/2fa', method: 'POST ?/default', path: '/login/2fa', allow: [] },
	{ route: '/(auth)/signup', method: 'GET', path: '/signup', allow: EVERYONE },
	{ route: '/(auth)/signup', method: 'POST ?/default', path: '/signup', allow: EVERYONE },
	{ route: '/(auth)/forgot-password', method: 'GET', path: '/forgot-password', allow: EVERYONE },
	{ route: '/(auth)/forgot-password', method: 'POST ?/default', path: '/forgot-password', allow: EVERYONE },
	{ route: '/(auth)/reset-password/[token]', method: 'GET', path: '/reset-password/aaaaaaaaaaaaaaaaaaaa', allow: EVERYONE },
	{ route: '/(auth)/reset-password/[token]', method: 'POST ?/default', path: '/reset-password/aaaaaaaaaaaaaaaaaaaa', allow: EVERYONE },
	{ route: '/(authed)/me', method: 'GET', path: '/me', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'GET', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/profile', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/password', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/logoutAll', path: '/account', allow: SIGNED_IN, denyOnly: true },
	{ route: '/(authed)/account', method: 'POST ?/createToken', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/revokeToken', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/tfaBegin', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/tfaConfirm', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/account', method: 'POST ?/tfaDisable', path: '/account', allow: SIGNED_IN },
	{ route: '/(authed)/partner', method: 'GET', path: '/partner', allow: ['partner'] },
	{ route: '/(authed)/staff', method: 'GET', path: '/staff', allow: STAFF },
	{ route: '/(authed)/organizer', method: 'GET', path: '/organizer', allow: ORGANIZERS },
	{ route: '/(authed)/organizer', method: 'POST ?/require2fa', path: '/organizer', allow: ORGANIZERS, denyOnly: true },
	{ route: '/(authed)/admin', method: 'GET', path: '/admin', allow: ['admin'] },
	{ route: '/(authed)/admin/users', method: 'GET', path: '/admin/users', allow: ['admin'] },
	{ route: '/(authed)/admin/users', method: 'POST ?/setRole', path: '/admin/users', allow: ['admin'] },
	{ route: '/(authed)/admin/users', method: 'POST ?/disable', path: '/admin/users', allow: ['admin'] },
	{ route: '/(authed)/admin/users', method: 'POST ?/enable', path: '/admin/users', allow: ['admin'] },
	{ route: '/(authed)/admin/outbox', method: 'GET', path: '/admin/outbox', allow: ['admin'] },
	{ route: '/(authed)/admin/audit', method: 'GET', path: '/admin/audit', allow: ['admin'] },
	{ route: '/api/v1/openapi.json', method: 'GET', path: '/api/v1/openapi.json', allow: EVERYONE },
	{ route: '/api/v1/ping', method: 'GET', path: '/api/v1/ping', allow: EVERYONE },
	{ route: '/api/v1/events', method: 'GET', path: '/api/v1/events', allow: EVERYONE },
	{ route: '/api/v1/auth/token', method: 'POST', path: '/api/v1/auth/token', allow: EVERYONE },
	{ route: '/api/v1/me', method: 'GET', path: '/api/v1/me', allow: SIGNED_IN },
	{ route: '/api/v1/[...rest]', method: 'fallback', path: '/api/v1/no-such-thing', allow: [] }
];
