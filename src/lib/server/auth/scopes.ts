/**
 * Which scope a bearer token needs for each `/api/v1` operation, in one table keyed by SvelteKit
 * route id and method. `tests/routes/scopes.test.ts` fails when an API route has no entry here, and
 * checks every entry over HTTP; the OpenAPI document lists the same scopes.
 *
 * - a scope: the token must hold it, else 403 `insufficient_scope`;
 * - `public`: anyone may call it; a token without the owner's scope for it acts as no token;
 * - `{ public: scope }`: anyone may call it, and the owner's own view (an organizer's drafts) needs
 *   the scope; without it the token acts as no token;
 * - `token`: any valid token (who am I).
 *
 * Tokens holding `api` (made before scopes existed, or by `POST /auth/token` without `scopes`) have
 * full access. Scoped tokens work on `/api/` only: elsewhere (pages, form actions, downloads) they
 * are ignored, as if no token had been sent.
 */
import { FULL_ACCESS_SCOPE, type ApiScope } from '$lib/schemas/auth';

export type Need = ApiScope | 'public' | 'token' | { public: ApiScope };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'fallback';

export const API_ROUTE_SCOPES: Record<string, Partial<Record<Method, Need>>> = {
	'/api/v1/[...rest]': { fallback: 'public' },
	'/api/v1/openapi.json': { GET: 'public' },
	'/api/v1/ping': { GET: 'public' },
	'/api/v1/auth/token': { POST: 'public' },
	'/api/v1/me': { GET: 'token' },
	'/api/v1/events': { GET: 'public' },
	'/api/v1/events/[slug]/sessions': { GET: 'public' },
	'/api/v1/events/[slug]/partners': { GET: { public: 'partners:read' } },
	'/api/v1/partners/[id]/delegates': { GET: 'partners:read' },
	'/api/v1/events/[slug]/categories': { GET: { public: 'registrations:read' }, POST: 'registrations:write' },
	'/api/v1/events/[slug]/categories/[category]': { PATCH: 'registrations:write', DELETE: 'registrations:write' },
	'/api/v1/events/[slug]/registrations': { GET: 'registrations:read', POST: 'registrations:write' },
	'/api/v1/registrations/[id]': { GET: 'registrations:read' },
	'/api/v1/registrations/[id]/badge.svg': { GET: 'registrations:read' },
	'/api/v1/registrations/[id]/badge.png': { GET: 'registrations:read' },
	'/api/v1/registrations/[id]/badge.pdf': { GET: 'registrations:read' },
	'/api/v1/registrations/[id]/approve': { POST: 'registrations:write' },
	'/api/v1/registrations/[id]/reject': { POST: 'registrations:write' },
	'/api/v1/registrations/[id]/waitlist': { POST: 'registrations:write' },
	'/api/v1/registrations/[id]/cancel': { POST: 'registrations:write' },
	'/api/v1/registrations/[id]/reissue': { POST: 'registrations:write' },
	'/api/v1/events/[slug]/checkpoints': { GET: 'checkin:read', POST: 'checkin:write' },
	'/api/v1/events/[slug]/scanner-sync': { GET: 'checkin:read' },
	'/api/v1/checkpoints/[id]/counters': { GET: 'checkin:read' },
	'/api/v1/checkpoints/[id]/lookup': { GET: 'checkin:read' },
	'/api/v1/checkins': { POST: 'checkin:write' },
	'/api/v1/devices/pair': { POST: 'public' },
	'/api/v1/events/[slug]/visa/requests': { GET: 'visa:read', POST: 'visa:write' },
	'/api/v1/events/[slug]/visa/approved.csv': { GET: 'visa:read' },
	'/api/v1/visa/requests/[id]': { GET: 'visa:read', PATCH: 'visa:write' },
	'/api/v1/visa/requests/[id]/approve': { POST: 'visa:write' },
	'/api/v1/visa/requests/[id]/reject': { POST: 'visa:write' },
	'/api/v1/visa/requests/[id]/correct': { POST: 'visa:write' },
	'/api/v1/visa/requests/[id]/revoke': { POST: 'visa:write' },
	'/api/v1/visa/requests/[id]/letter.pdf': { GET: 'visa:read' },
	'/api/v1/visa/verify/[code]': { GET: 'public' },
	'/api/v1/events/[slug]/match/profile': { GET: 'match:read', PUT: 'match:write' },
	'/api/v1/events/[slug]/match/directory': { GET: 'match:read' },
	'/api/v1/events/[slug]/match/recommendations': { GET: 'match:read' },
	'/api/v1/events/[slug]/match/requests': { GET: 'match:read', POST: 'match:write' },
	'/api/v1/match/requests/[id]/respond': { POST: 'match:write' },
	'/api/v1/events/[slug]/match/meetings': { GET: 'match:read' },
	'/api/v1/events/[slug]/match/schedule': { POST: 'match:write' },
	'/api/v1/events/[slug]/match/schedule/publish': { POST: 'match:write' }
};

/** What the operation needs; an unknown route or method is treated as public (it answers 404/405). */
export function needOf(routeId: string | null, method: string): Need {
	const byMethod = routeId ? API_ROUTE_SCOPES[routeId] : undefined;
	if (!byMethod) return 'public';
	const m = (method === 'HEAD' ? 'GET' : method) as Method;
	return byMethod[m] ?? byMethod.fallback ?? 'public';
}

export type ScopeVerdict = 'full' | 'owner' | 'anonymous' | { missing: ApiScope };

/**
 * How a request with a token of these scopes is served: with full access, as the owner, as if
 * anonymous, or refused for a missing scope.
 */
export function verdict(scopes: readonly string[], onApi: boolean, need: Need): ScopeVerdict {
	if (scopes.includes(FULL_ACCESS_SCOPE)) return 'full';
	if (!onApi || need === 'public') return 'anonymous';
	if (need === 'token') return 'owner';
	if (typeof need === 'object') return scopes.includes(need.public) ? 'owner' : 'anonymous';
	return scopes.includes(need) ? 'owner' : { missing: need };
}
