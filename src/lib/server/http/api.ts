/**
 * JSON API plumbing: the error shape of CONTRACTS.md (`{"error": {"code", "message"}}`, message in
 * the request's language, plus the request id), body parsing with the shared zod schemas, and one
 * wrapper that maps every failure to that shape. Routes stay a few lines long.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError, isDomainError } from '../errors';
import { errorMessage, localizeIssues, t } from '$lib/i18n/errors';
import { log } from '../log';
import { isDatabaseDown } from './db-errors';
import { requireArea, type Area } from '../auth/access';
import { markDatabaseDown } from './db-health';
import { needOf, verdict } from '../auth/scopes';
import { uncleanPaths } from '$lib/schemas/text';

export function apiError(
	event: Pick<RequestEvent, 'locals'>,
	status: number,
	code: string,
	extra: { fields?: Record<string, string[]>; details?: Record<string, unknown>; message?: string } = {}
) {
	const headers: Record<string, string> = {};
	if (code === 'rate_limited' && extra.details?.retryAfter) headers['retry-after'] = String(extra.details.retryAfter);
	return json(
		{
			error: {
				code,
				message: extra.message ?? errorMessage(code, event.locals.locale, extra.details),
				requestId: event.locals.requestId,
				...(extra.fields ? { fields: extra.fields } : {}),
				...(extra.details ? { details: extra.details } : {})
			}
		},
		{ status, headers }
	);
}

export async function readJson<S extends z.ZodType>(event: RequestEvent, schema: S): Promise<z.infer<S>> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.includes('application/json')) {
		throw new DomainError('invalid_input', { details: { reason: 'expected application/json' } });
	}
	const text = await event.request.text();
	if (text.length > 1_000_000) throw new DomainError('invalid_input', { status: 413, details: { reason: 'body too large' } });
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new DomainError('invalid_input', { details: { reason: 'malformed JSON' } });
	}
	return parse(event, schema, body);
}

export function parse<S extends z.ZodType>(event: Pick<RequestEvent, 'locals'>, schema: S, input: unknown): z.infer<S> {
	const unclean = uncleanPaths(input);
	if (unclean.length) throw new DomainError('invalid_input', { fields: Object.fromEntries(unclean.map((p) => [p, [t('v_text_chars', event.locals.locale)]])) });
	const result = schema.safeParse(input);
	if (!result.success) throw new DomainError('invalid_input', { fields: localizeIssues(result.error, event.locals.locale) });
	return result.data;
}

/** Runs an API handler; domain errors become their status and code, anything else a logged 500. */
export async function api(event: RequestEvent, fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e)) return apiError(event, e.status, e.code, { fields: e.fields, details: e.details });
		if (isDatabaseDown(e)) {
			markDatabaseDown();
			return apiError(event, 503, 'database_unavailable');
		}
		// SvelteKit's own error()/redirect() pass through.
		if (e && typeof e === 'object' && 'status' in e && ('body' in e || 'location' in e)) throw e;
		log.error({ msg: 'api handler failed', requestId: event.locals.requestId, route: event.route.id, err: e instanceof Error ? e.stack : String(e) });
		return apiError(event, 500, 'internal', { message: errorMessage('unknown', event.locals.locale) });
	}
}

/**
 * The actor, or an `unauthenticated` error. With an area, also `forbidden` unless the actor may
 * enter it: endpoints that read a body check this first, so a stranger learns nothing from
 * validation messages.
 */
export function actorOf(event: Pick<RequestEvent, 'locals'>, area?: Area) {
	if (!event.locals.user) throw new DomainError('unauthenticated');
	return area ? requireArea(event.locals.user, area) : event.locals.user;
}

/**
 * Applies the bearer token's scopes to this request (before any handler runs, so no endpoint can
 * forget): a missing scope answers 403 `insufficient_scope` naming the scope; a token used where its
 * scopes do not reach (public reads, pages) is served as if no token had been sent. Session cookies
 * and full-access (`api`) tokens pass unchanged. Returns the refusal, or null to go on.
 */
export function enforceScopes(event: Pick<RequestEvent, 'locals' | 'url' | 'route' | 'request'>): Response | null {
	if (event.locals.auth !== 'bearer') return null;
	const v = verdict(event.locals.scopes, event.url.pathname.startsWith('/api/'), needOf(event.route.id, event.request.method));
	if (v === 'full' || v === 'owner') return null;
	if (v === 'anonymous') {
		event.locals.user = null;
		event.locals.auth = null;
		return null;
	}
	return apiError(event, 403, 'insufficient_scope', { details: { required: v.missing } });
}
