/**
 * Input hygiene, one rule for every string the app takes in (path segments, query values, form
 * fields, JSON strings, CSV cells): no NUL or other control characters (tab, line feed and carriage
 * return excepted), no lone UTF-16 surrogates, no noncharacters U+FFFE/U+FFFF, and a length cap.
 * PostgreSQL cannot store NUL, lone surrogates do not survive UTF-8, and the XML and iCalendar exports
 * cannot carry control characters. `str()` is the base string type of every schema in this folder.
 */
import { z } from 'zod';

/** C0 controls except TAB, LF, CR; DEL and the C1 controls; the noncharacters U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The longest string any field accepts (schemas set tighter limits per field). */
export const MAX_TEXT = 10_000;

export function isCleanText(s: string): boolean {
	return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

/**
 * The base string type: `z.string()` that refuses unclean text first (message `v_text_chars`, and
 * no further checks run) and anything over `MAX_TEXT` characters.
 */
export function str(params?: Parameters<typeof z.string>[0]) {
	return z.string(params).refine(isCleanText, { error: 'v_text_chars', abort: true }).max(MAX_TEXT, { error: 'v_too_long' });
}

/**
 * Paths (`a.b.0`) of every unclean or over-long string in a parsed JSON value or form object, keys
 * included; at most `limit` of them. Used by the JSON and form readers before any schema runs, so
 * no string reaches a domain verb unchecked even where a schema takes `z.string()` or a record.
 */
export function uncleanPaths(value: unknown, limit = 20): string[] {
	const out: string[] = [];
	const walk = (v: unknown, path: string, depth: number) => {
		if (out.length >= limit) return;
		if (typeof v === 'string') {
			if (!isCleanText(v) || v.length > MAX_TEXT * 10) out.push(path || '_');
		} else if (Array.isArray(v)) {
			if (depth > 64) return void out.push(path || '_');
			v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i), depth + 1));
		} else if (v && typeof v === 'object') {
			if (depth > 64) return void out.push(path || '_');
			for (const [k, x] of Object.entries(v)) {
				const p = path ? `${path}.${k}` : k;
				if (!isCleanText(k) || k.length > 200) out.push(path || '_');
				else walk(x, p, depth + 1);
			}
		}
	};
	walk(value, '', 0);
	return out;
}
