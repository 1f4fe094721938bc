/**
 * Anonymous program pages served from memory. The public program is the page a thousand phones
 * open at once; for a visitor without a session it depends only on the URL, the language, the
 * release and the minute ("now and next"), so it is rendered once per such key and then served
 * from memory, gzip-compressed when the client accepts it, and answered 304 when the client's
 * ETag matches, all before any load function runs. The page's own headers say the same thing to
 * shared caches (`public, max-age=60`). Signed-in visitors (stars, name) always get a fresh page.
 */
import type { Handle } from '@sveltejs/kit';
import { constants as zlibConstants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { isSharedRender, standIn } from './shared-render';
import { cookieRenewed } from './authenticate';
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

// ------------------------------------------------------------------ signed in: shared page + overlay

/**
 * A signed-in visitor's program page is the anonymous one plus their stars and the links of their
 * role. So it is rendered once per (event, URL, language, role) for a stand-in viewer with no id
 * (`shared-render.ts`), kept with its gzip, and every request gets that page with a small overlay
 * appended before `</body>`: the person's starred ids as JSON (the page reads it after
 * hydration) and a `<style>` that shows those stars pressed before any JavaScript runs (and without
 * it). The gzip of the shared part ends in a sync flush, so the overlay and the page's last bytes
 * are compressed per request on their own (a few hundred bytes) and joined into one valid gzip
 * member (CRC-32 continued over the joined text). The ETag covers the shared page and the overlay.
 * This hook runs innermost (after authentication); everything outside it still runs for each
 * request (request id, log line, admission, security headers).
 */
interface Shared {
	stamp: string;
	etag: string;
	headers: [string, string][];
	head: Buffer;
	tail: string;
	/** gzip header + raw deflate of `head`, ending in a sync flush (no final block, no trailer). */
	gzHead: Buffer;
	crcHead: number;
	bytes: number;
}

const shared = newCache<Shared>({ max: MAX_BYTES, weight: (e) => e.bytes });
const sharedFilling = new Map<string, Promise<Shared | null>>();
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export interface Overlay {
	/** Validator parts of the overlay (the ETag is the shared page's and these). */
	tag: string;
	/** Appended before `</body>`: a JSON data block and a style, nothing that runs. */
	html: string;
}

/** A JSON data block the page reads after hydration (`<` escaped: it cannot close the element). */
export function overlayJson(id: string, value: unknown): string {
	return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

type Program = Awaited<ReturnType<typeof schedule.program>>;
type Viewer = NonNullable<App.Locals['user']>;

interface SharedRoute {
	pattern: RegExp;
	/** The viewer's overlay, or null to render the page for them as before. */
	overlay(user: Viewer, program: Program, m: RegExpExecArray): Promise<Overlay | null>;
}

/** Shows the viewer's stars pressed (cards and buttons carry `data-sid`; `.on` is the pressed state). */
function starStyle(ids: string[]): string {
	if (!ids.length) return '';
	const on = ids.map((id) => `[data-sid="${id}"] .on`).join(',');
	const off = ids.map((id) => `[data-sid="${id}"] .off`).join(',');
	return `<style id="hw-stars">${on}{display:inline-flex!important}${off}{display:none!important}</style>`;
}

const UUIDISH = /^[0-9a-f-]{36}$/;

async function starOverlay(user: Viewer, program: Program, only?: string): Promise<Overlay> {
	let ids = [...(await schedule.agenda.starredIdsCached(user, program.event.id))].filter((id) => UUIDISH.test(id)).sort();
	if (only) ids = ids.filter((id) => id === only);
	return { tag: ids.join(','), html: overlayJson('hw-personal', { starred: ids }) + starStyle(ids) };
}

const sharedRoutes: SharedRoute[] = [
	// The program: only the stars are personal.
	{ pattern: PROGRAM, overlay: (user, program) => starOverlay(user, program) },
	// A session page: its star. A session that needs a booked seat shows the person's booking and
	// the seats left, which change with every booking: rendered for the person as before.
	{
		pattern: /^\/events\/([a-z0-9][a-z0-9-]{0,63})\/sessions\/([A-Za-z0-9-]{1,64})\/?$/,
		async overlay(user, program, m) {
			const s = program.release.snapshot.sessions.find((x) => x.code === m[2]);
			if (!s || s.requiresBooking) return null;
			return starOverlay(user, program, s.id);
		}
	}
];

function splitShared(stamp: string, etag: string, headers: [string, string][], html: string): Shared {
	const at = html.lastIndexOf('</body>');
	const headText = at >= 0 ? html.slice(0, at) : html;
	const head = Buffer.from(headText);
	const tail = at >= 0 ? html.slice(at) : '';
	const gzHead = Buffer.concat([GZIP_HEADER, deflateRawSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH })]);
	const e: Shared = { stamp, etag, headers, head, tail, gzHead, crcHead: crc32(head), bytes: 0 };
	e.bytes = head.byteLength * 2 + gzHead.byteLength;
	return e;
}

function respondShared(entry: Shared, overlay: Overlay, request: Request): Response {
	const headers = new Headers(entry.headers);
	const etag = `"${entry.etag.replace(/"/g, '')}-${etagPart(overlay.tag)}"`;
	headers.set('etag', etag);
	if (matches(request.headers.get('if-none-match'), etag)) {
		headers.delete('content-type');
		return new Response(null, { status: 304, headers });
	}
	const rest = Buffer.from(overlay.html + entry.tail);
	let body: Buffer;
	if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
		const trailer = Buffer.alloc(8);
		trailer.writeUInt32LE(crc32(rest, entry.crcHead) >>> 0, 0);
		trailer.writeUInt32LE((entry.head.byteLength + rest.byteLength) % 2 ** 32, 4);
		body = Buffer.concat([entry.gzHead, deflateRawSync(rest), trailer]);
		headers.set('content-encoding', 'gzip');
	} else body = Buffer.concat([entry.head, rest]);
	headers.set('content-length', String(body.byteLength));
	return new Response(body as unknown as BodyInit, { status: 200, headers });
}

function etagPart(text: string): string {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
	return h.toString(36);
}

export const signedInPageCache: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (event.request.method !== 'GET' || !user || event.locals.auth !== 'session' || cookieRenewed(event) || event.isDataRequest) return resolve(event);
	let m: RegExpExecArray | null = null;
	const route = sharedRoutes.find((r) => (m = r.pattern.exec(event.url.pathname)));
	if (!route || !m) return resolve(event);
	let program: Program;
	try {
		program = await schedule.program(null, (m as RegExpExecArray)[1]);
	} catch {
		return resolve(event);
	}
	const releaseId = program.release.releaseId;
	const overlay = await route.overlay(user, program, m);
	if (!overlay) return resolve(event);
	const key = [event.url.pathname, event.url.search, event.locals.locale, user.role].join('|');
	const stamp = `${releaseId}|${Math.floor(Date.now() / 60_000)}`;
	const hit = shared.get(key);
	if (hit?.stamp === stamp) return respondShared(hit, overlay, event.request);
	const fk = key + '|' + stamp;
	let pending = sharedFilling.get(fk);
	let uncached: Response | undefined;
	if (!pending) {
		const original = event.request;
		const headers = new Headers(original.headers);
		headers.delete('if-none-match');
		event.request = new Request(original, { headers });
		standIn(event);
		pending = (async () => {
			const res = await resolve(event);
			const etag = res.headers.get('etag');
			if (res.status !== 200 || !etag || res.headers.has('set-cookie') || res.headers.has('content-encoding') || !isSharedRender(event.locals)) {
				uncached = res;
				return null;
			}
			const html = await res.text();
			const kept = [...res.headers].filter(([name]) => name !== 'vary' && name !== 'content-length' && name !== 'etag');
			kept.push(['vary', 'Accept-Encoding, Cookie, Accept-Language']);
			const entry = splitShared(stamp, etag, kept, html);
			shared.set(key, entry);
			return entry;
		})().finally(() => sharedFilling.delete(fk));
		sharedFilling.set(fk, pending);
		const entry = await pending;
		event.locals.user = user;
		event.request = original;
		if (entry) return respondShared(entry, overlay, original);
		// Not cacheable (an error page, say): the stand-in's answer holds nothing personal (only the
		// stars are missing); a request is resolved once.
		return uncached!;
	}
	const entry = await pending;
	return entry ? respondShared(entry, overlay, event.request) : resolve(event);
};

/** Tests: start from an empty cache. */
export function clearPageCache() {
	entries.clear();
	shared.clear();
}
