/** The registrations domain's SvelteKit adapter (the only file of the domain importing @sveltejs/kit). */
import { error, type RequestEvent } from '@sveltejs/kit';
import { DomainError, isDomainError } from '../errors';

/** A JSON body that may be absent (action endpoints take an optional reason). */
export async function optionalJson(event: RequestEvent): Promise<unknown> {
	const text = await event.request.text();
	if (!text.trim()) return {};
	if (text.length > 100_000) throw new DomainError('invalid_input', { status: 413 });
	try {
		return JSON.parse(text);
	} catch {
		throw new DomainError('invalid_input', { details: { reason: 'malformed JSON' } });
	}
}

/** Answers from a form whose fields are named `answers.<key>` (repeated keys for multiple choice). */
export function answersFromForm(raw: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of raw.entries()) {
		if (typeof v !== 'string' || !k.startsWith('answers.')) continue;
		const key = k.slice('answers.'.length);
		const prev = out[key];
		out[key] = prev === undefined ? v : ([] as string[]).concat(prev, v);
	}
	return out;
}

/** Form values for re-rendering, multiple choices joined so the page can tell which were ticked. */
export function formValuesWithArrays(raw: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of raw.entries()) {
		if (typeof v !== 'string' || /password|token|secret/i.test(k)) continue;
		out[k] = k in out ? `${out[k]}\u001f${v}` : v;
	}
	return out;
}

/**
 * Runs a page load; a domain error becomes SvelteKit's error page with its status (404 for an
 * unknown event or session, 403 for a forbidden one) instead of a 500.
 */
export async function pageLoad<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e)) error(e.status, { message: e.code, code: e.code });
		throw e;
	}
}
