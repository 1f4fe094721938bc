/**
 * Request pipeline, composed with `sequence`:
 *   context (request id, structured log line) → anonymous program pages from memory
 *   (`page-cache.ts`) → admission control (`admission.ts`: renders and requests in flight are
 *   bounded, a 503 with Retry-After past that) → locale → cross-site form check → URL hygiene
 *   (`hygiene.ts`) → authentication (and the bearer token's scopes) → origin check for JSON endpoints →
 *   security headers → signed-in program and session pages from memory with the viewer's overlay
 *   (`page-cache.ts`). Responses are gzip-compressed on the way out (`compress.ts`).
 * The `init` hook opens and migrates the database before the server listens.
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime.js';
import { boot } from '$lib/server/boot';
import { log } from '$lib/server/log';
import { runWithRequest } from '$lib/server/http/context';
import { apiError, enforceScopes } from '$lib/server/http/api';
import { isDatabaseDown } from '$lib/server/http/db-errors';
import { authenticateRequest } from '$lib/server/http/authenticate';
import { databaseUp, markDatabaseDown } from '$lib/server/http/db-health';
import { unavailablePage } from '$lib/server/http/unavailable';
import { twoFactorRequired } from '$lib/server/http/two-factor-policy';
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/text';
import { pageCache, signedInPageCache } from '$lib/server/http/page-cache';
import { compress } from '$lib/server/http/compress';
import { refuseUncleanUrl } from '$lib/server/http/hygiene';
import { admission } from '$lib/server/http/admission';

export const init: ServerInit = async () => {
	await boot();
};

const context: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
	event.locals.requestId = requestId;
	const t0 = performance.now();
	const response = await runWithRequest(requestId, () => resolve(event));
	response.headers.set('x-request-id', requestId);
	if (process.env.LOG_REQUESTS !== 'off') {
		log.info({
			requestId,
			method: event.request.method,
			route: event.route.id,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round((performance.now() - t0) * 10) / 10,
			user: event.locals.user?.id
		});
	}
	return response;
};

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];

/**
 * SvelteKit's cross-site form check, done here (svelte.config.js turns SvelteKit's own off): a POST,
 * PUT, PATCH or DELETE with a form content type from another origin (or none) is refused 403, in the
 * API's JSON error shape under `/api/` and as plain text elsewhere.
 */
const csrf: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) && FORM_TYPES.includes(type) && request.headers.get('origin') !== url.origin) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		if (url.pathname.startsWith('/api/')) return apiError(event, 403, 'forbidden', { details: { reason: 'cross-origin request' } });
		if (request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
		return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

/** Paths served without the page machinery (no HTML, no paraglide request cloning). */
const isMachinePath = (path: string) => path.startsWith('/api/') || path === '/healthz' || /\.(ics|json|xml|svg|png|pdf|csv)$/.test(path);

const locale: Handle = async ({ event, resolve }) => {
	if (isMachinePath(event.url.pathname)) {
		const lang = event.url.searchParams.get('lang');
		event.locals.locale = isLocale(lang) ? lang : (extractLocaleFromRequest(event.request) as 'zh-CN' | 'en');
		return resolve(event);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale as 'zh-CN' | 'en';
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
	});
};

/** While the database is away: a clear 503 (JSON for the API, a page otherwise), and recovery by itself. */
function unavailable(event: Parameters<Handle>[0]['event']) {
	if (event.url.pathname.startsWith('/api/')) return apiError(event, 503, 'database_unavailable');
	return unavailablePage(event.locals.locale, event.locals.requestId);
}

/** Path segments and query values with NUL, control characters, bad escapes or over-long: 400 (`hygiene.ts`). */
const hygiene: Handle = async ({ event, resolve }) => refuseUncleanUrl(event) ?? resolve(event);

const authentication: Handle = async ({ event, resolve }) => {
	if (event.url.pathname !== '/healthz' && !(await databaseUp())) return unavailable(event);
	try {
		await authenticateRequest(event);
	} catch (e) {
		if (!isDatabaseDown(e)) throw e;
		markDatabaseDown();
		return unavailable(event);
	}
	const refused = enforceScopes(event);
	if (refused) return refused;
	if (event.locals.user && event.locals.auth === 'session' && !event.locals.user.totpEnabledAt && /^\/(staff|organizer|admin)(\/|$)/.test(event.url.pathname)) {
		// Organizers may require two-factor login for staff roles: enrol before entering those areas.
		if (await twoFactorRequired(event.locals.user.role)) redirect(303, '/account?setup2fa=1#two-factor');
	}
	return resolve(event);
};

/**
 * SvelteKit checks Origin for form posts only. JSON endpoints that accept the session cookie get
 * the same check here; bearer-token calls carry no ambient credentials and need none.
 */
const originCheck: Handle = async ({ event, resolve }) => {
	const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(event.request.method);
	if (unsafe && event.locals.auth === 'session' && event.url.pathname.startsWith('/api/')) {
		const origin = event.request.headers.get('origin');
		if (origin !== event.url.origin) return apiError(event, 403, 'forbidden', { details: { reason: 'cross-origin request' } });
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'strict-origin-when-cross-origin');
	h.set('x-frame-options', 'DENY');
	h.set('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
	if (!h.has('content-security-policy')) h.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	if (event.url.protocol === 'https:') h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
};

export const handle = sequence(context, compress, pageCache, admission, locale, csrf, hygiene, authentication, originCheck, securityHeaders, signedInPageCache);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? crypto.randomUUID();
	if (isDatabaseDown(error)) {
		markDatabaseDown();
		return { message: 'database_unavailable', requestId, code: 'database_unavailable' };
	}
	if (status !== 404) {
		log.error({
			msg: 'unhandled error',
			requestId,
			route: event.route.id,
			path: event.url.pathname,
			status,
			err: error instanceof Error ? error.stack : String(error)
		});
	}
	return { message, requestId };
};
