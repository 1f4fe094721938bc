/**
 * The URL half of input hygiene (the body half is `uncleanPaths` in the JSON and form readers and
 * `str()` in every schema): every path segment and query name and value, percent-decoded, must be
 * clean text (no NUL or other control characters, no lone surrogates, well-formed percent escapes)
 * and at most `MAX_URL_PART` characters. Anything else is refused before authentication or any
 * database work: 400 `invalid_input` in the contract's shape under `/api/`, a short 400 text elsewhere.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { isCleanText } from '$lib/schemas/text';
import { t } from '$lib/i18n/errors';
import { apiError } from './api';

export const MAX_URL_PART = 1024;

function decodes(part: string): string | null {
	try {
		return decodeURIComponent(part.replace(/\+/g, ' '));
	} catch {
		return null;
	}
}

/** What is wrong with the URL (`path` or the query parameter's name), or null when it is clean. */
export function uncleanUrlPart(url: URL): string | null {
	for (const segment of url.pathname.split('/')) {
		const s = decodes(segment);
		if (s === null || s.length > MAX_URL_PART || !isCleanText(s)) return 'path';
	}
	const query = url.search.slice(1);
	if (!query) return null;
	for (const pair of query.split('&')) {
		const eq = pair.indexOf('=');
		const name = decodes(eq < 0 ? pair : pair.slice(0, eq));
		const value = eq < 0 ? '' : decodes(pair.slice(eq + 1));
		if (name === null || !isCleanText(name) || name.length > 100) return 'query';
		if (value === null || !isCleanText(value) || value.length > MAX_URL_PART) return name;
	}
	return null;
}

export function refuseUncleanUrl(event: RequestEvent): Response | null {
	const part = uncleanUrlPart(event.url);
	if (part === null) return null;
	if (event.url.pathname.startsWith('/api/')) {
		const message = t('e_hygiene_url', event.locals.locale);
		return apiError(event, 400, 'invalid_input', { message, details: { parameter: part }, fields: part === 'path' || part === 'query' ? undefined : { [part]: [t('v_text_chars', event.locals.locale)] } });
	}
	return new Response(t('e_hygiene_url', event.locals.locale), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
