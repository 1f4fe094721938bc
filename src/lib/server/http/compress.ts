/**
 * Compression over the wire for what the app renders: adapter-node compresses nothing itself (its
 * static files are precompressed at build time, `svelte.config.js`), so without this a signed-in
 * program page left as 590 KB of HTML. HTML, JSON, XML, SVG and calendar bodies above 1 KB are
 * gzip-compressed off the event loop (zlib's thread pool) when the client accepts gzip. Responses
 * that are already encoded (the page caches keep theirs), streamed (event streams, SvelteKit's
 * streamed data, CSV and PDF downloads) or marked `no-transform` pass as they are.
 */
import type { Handle } from '@sveltejs/kit';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const TYPES = /^(text\/html|application\/json|application\/problem\+json|application\/xml|text\/xml|image\/svg\+xml|text\/calendar|application\/manifest\+json)\b/;
const MIN_BYTES = 1024;

export const compress: Handle = async ({ event, resolve }) => {
	const res = await resolve(event);
	const h = res.headers;
	if (!res.body || res.status === 204 || res.status === 304 || event.request.method === 'HEAD') return res;
	if (h.has('content-encoding') || /no-transform/.test(h.get('cache-control') ?? '')) return res;
	if (!TYPES.test(h.get('content-type') ?? '')) return res;
	if (!/\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? '')) return res;
	const length = Number(h.get('content-length') ?? NaN);
	if (length < MIN_BYTES) return res;
	const body = Buffer.from(await res.arrayBuffer());
	const vary = h.get('vary');
	if (!vary) h.set('vary', 'Accept-Encoding');
	else if (!/accept-encoding/i.test(vary)) h.set('vary', `${vary}, Accept-Encoding`);
	if (body.byteLength < MIN_BYTES) {
		h.set('content-length', String(body.byteLength));
		return new Response(body as unknown as BodyInit, { status: res.status, statusText: res.statusText, headers: h });
	}
	const zipped = await gzipAsync(body, { level: 6 });
	h.set('content-encoding', 'gzip');
	h.set('content-length', String(zipped.byteLength));
	return new Response(zipped as unknown as BodyInit, { status: res.status, statusText: res.statusText, headers: h });
};
