/**
 * The schedule domain's SvelteKit adapter (the only file of the domain importing @sveltejs/kit):
 * domain errors to HTTP errors, caching headers, feed responses, and the star/unstar form actions
 * shared by the program and session pages (they work without JS).
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { isDomainError } from '../errors';
import * as agenda from './agenda';
import { failFromError } from '../http/forms';
import { cache as newCache } from '../cache';
import { gzipSync } from 'node:zlib';
import { etagOf } from './index';

/** Runs a read; a domain not_found/forbidden becomes the page's 404/403. */
export async function orHttp<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (e) {
		if (isDomainError(e) && (e.status === 404 || e.status === 403)) error(e.status, { message: e.code, code: e.code });
		throw e;
	}
}

/**
 * Conditional GET for a page derived from a release: an ETag over the release id and whatever else
 * shapes the page, 304 when the browser already has it. Anonymous pages may sit in shared caches a
 * minute; a signed-in person's page (stars, name) is private and always revalidated.
 */
export function cachePage(event: Pick<RequestEvent, 'request' | 'setHeaders' | 'url' | 'locals'>, releaseId: string, ...parts: (string | number | null | undefined)[]) {
	const etag = etagOf(releaseId, event.locals.locale, event.url.search, event.locals.user?.id, ...parts);
	event.setHeaders({
		etag,
		'cache-control': event.locals.user ? 'private, no-cache' : 'public, max-age=60, stale-while-revalidate=300',
		vary: 'Cookie, Accept-Language'
	});
	const inm = event.request.headers.get('if-none-match');
	// SvelteKit has no "not modified" result for pages; a 304 redirect carries no body and browsers
	// treat it as "use your copy" (the Location header is ignored for 304).
	if (inm && inm.split(',').some((t) => t.trim() === etag)) redirect(304, event.url.pathname + event.url.search);
}

/** Base URL for links in feeds: PUBLIC_BASE_URL when set, else the request's origin. */
export function baseUrl(url: URL): string {
	return (process.env.PUBLIC_BASE_URL || url.origin).replace(/\/$/, '');
}

/** A feed/file response with an ETag on the release and language, and 304 when unchanged. */
export function feedResponse(
	event: Pick<RequestEvent, 'request' | 'locals' | 'url'>,
	releaseId: string,
	body: string,
	type: string,
	opts: { filename?: string; cache?: string } = {}
): Response {
	const etag = etagOf(releaseId, event.locals.locale, event.url.search);
	const headers: Record<string, string> = {
		etag,
		'content-type': type,
		'cache-control': opts.cache ?? 'public, max-age=300, stale-while-revalidate=3600',
		vary: 'Accept-Encoding, Accept-Language, Cookie',
		'access-control-allow-origin': '*'
	};
	if (opts.filename) headers['content-disposition'] = `attachment; filename="${opts.filename}"`;
	const inm = event.request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
	if (body.length > 1024 && /\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? '')) {
		// Calendar apps poll with gzip; a release's feed is compressed once, not per poll.
		const zipped = gzipOnce(`${event.url.pathname} ${etag}`, body);
		headers['content-encoding'] = 'gzip';
		headers['content-length'] = String(zipped.byteLength);
		return new Response(zipped as unknown as BodyInit, { headers });
	}
	return new Response(body, { headers });
}

const gzipped = newCache<Buffer>({ max: 8 * 2 ** 20, weight: (b) => b.byteLength });

/** The gzip of a feed, kept per URL and ETag (the ETag changes with the release), within 8 MB. */
function gzipOnce(key: string, body: string): Buffer {
	const hit = gzipped.get(key);
	if (hit) return hit;
	return gzipped.set(key, gzipSync(body));
}

export function feedOptions(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const base = baseUrl(event.url);
	return { locale: event.locals.locale, baseUrl: base, host: new URL(base).host };
}

// ---------------------------------------------------------------- star / unstar

const starInput = z.object({ sessionId: z.uuid() });

async function run(event: RequestEvent, on: boolean) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const form = await event.request.formData();
	const parsed = starInput.safeParse({ sessionId: form.get('sessionId') });
	if (!parsed.success) return fail(400, { message: 'invalid_input', values: {}, errors: {} });
	try {
		if (on) await agenda.star(event.locals.user, parsed.data.sessionId);
		else await agenda.unstar(event.locals.user, parsed.data.sessionId);
	} catch (e) {
		return failFromError(event, e);
	}
	// Without JavaScript the browser posted a plain form: send it back to the list it came from (day,
	// filters and zone kept, the action gone from the URL). use:enhance asks for the result instead.
	if (event.request.headers.get('x-sveltekit-action') !== 'true') {
		const back = new URL(event.url);
		for (const k of [...back.searchParams.keys()]) if (k.startsWith('/')) back.searchParams.delete(k);
		redirect(303, back.pathname + back.search);
	}
	return { starred: on, sessionId: parsed.data.sessionId };
}

export const starActions = {
	star: (event: RequestEvent) => run(event, true),
	unstar: (event: RequestEvent) => run(event, false)
};
