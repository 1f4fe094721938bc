/**
 * Anonymous program pages served from memory. The public program is the page a thousand phones
 * open at once; for a visitor without a session it depends only on the URL, the language, the
 * release and the minute ("now and next"), so it is rendered once per such key and then served
 * from memory, gzip-compressed when the client accepts it, and answered 304 when the client's
 * ETag matches, all before any load function runs. The page's own headers say the same thing to
 * shared caches (`public, max-age=60`). Signed-in visitors (stars, name) always get a fresh page.
 */
import type { Handle } from '@sveltejs/kit';
import { gzipSync } from 'node:zlib';
import { SESSION_COOKIE } from '../auth/sessions';
import { cache as newCache } from '../cache';
import * as schedule from '../schedule';
import { isLocale } from '$lib/i18n/text';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime.js';

interface Entry {
	/** The release and minute it was rendered for: another stamp under the same key is stale. */
	stamp: string;
	etag: string;
	headers: [string, string][];
	body: Buffer;
	gzip: Buffer;
	bytes: number;
}

const MAX_BYTES = 16 * 2 ** 20;
// Most recently used kept within MAX_BYTES (bodies and their gzip).
const entries = newCache<Entry>({ max: MAX_BYTES, weight: (e) => e.bytes });
const filling = new Map<string, Promise<Entry | null>>();

/** The program page of an event: `/events/{slug}` (not its `__data.json`). */
const PROGRAM = /^\/events\/([a-z0-9][a-z0-9-]{0,63})\/?$/;

function anonymous(request: Request): boolean {
	if (request.headers.has('authorization')) return false;
	const cookie = request.headers.get('cookie');
	return !cookie || !cookie.includes(`${SESSION_COOKIE}=`);
}

function remember(key: string, entry: Entry) {
	entries.set(key, entry);
}

function matches(inm: string | null, etag: string) {
	return !!inm && inm.split(',').some((t) => t.trim() === etag);
}

function respond(entry: Entry, request: Request): Response {
	const headers = new Headers(entry.headers);
	if (matches(request.headers.get('if-none-match'), entry.etag)) {
		headers.delete('content-type');
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	const body = gzip ? entry.gzip : entry.body;
	if (gzip) headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(body.byteLength));
	return new Response(body as unknown as BodyInit, { status: 200, headers });
}

export const pageCache: Handle = async ({ event, resolve }) => {
	const m = event.request.method === 'GET' ? PROGRAM.exec(event.url.pathname) : null;
	if (!m || !anonymous(event.request)) return resolve(event);
	let releaseId: string;
	try {
		releaseId = (await schedule.program(null, m[1])).release.releaseId;
	} catch {
		return resolve(event); // unknown event, no release, database away: the page says so
	}
	const lang = event.url.searchParams.get('lang');
	const locale = isLocale(lang) ? lang : extractLocaleFromRequest(event.request);
	// One entry per page and language: a new release or minute replaces it.
	const key = [m[1], event.url.search, locale].join('|');
	const stamp = `${releaseId}|${Math.floor(Date.now() / 60_000)}`;

	const hit = entries.get(key);
	// A hit counts as recent use (`cache.ts`).
	if (hit?.stamp === stamp) return respond(hit, event.request);
	const pending = filling.get(key + '|' + stamp);
	if (pending) {
		const entry = await pending;
		return entry ? respond(entry, event.request) : resolve(event);
	}
	// One render per key; whoever asks meanwhile waits for it. The render is asked unconditionally
	// so there is a page to keep; the client still gets its 304.
	const original = event.request;
	const headers = new Headers(original.headers);
	headers.delete('if-none-match');
	event.request = new Request(original, { headers });
	let uncached: Response | undefined;
	const fill = (async () => {
		const res = await resolve(event);
		const etag = res.headers.get('etag');
		if (res.status !== 200 || !etag || res.headers.has('set-cookie') || res.headers.has('content-encoding')) {
			uncached = res;
			return null;
		}
		const body = Buffer.from(await res.arrayBuffer());
		const kept = [...res.headers].filter(([name]) => name !== 'vary' && name !== 'content-length');
		kept.push(['vary', 'Accept-Encoding, Cookie, Accept-Language']);
		const entry: Entry = { stamp, etag, headers: kept, body, gzip: gzipSync(body), bytes: 0 };
		entry.bytes = entry.body.byteLength + entry.gzip.byteLength;
		remember(key, entry);
		return entry;
	})().finally(() => filling.delete(key + '|' + stamp));
	filling.set(key + '|' + stamp, fill);
	const entry = await fill;
	return entry ? respond(entry, original) : uncached!;
};

/** Tests: start from an empty cache. */
export function clearPageCache() {
	entries.clear();
}
