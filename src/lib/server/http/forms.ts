/**
 * Form-action plumbing: read a form with a shared zod schema; on bad input answer `fail(400)` with
 * the localized messages per field and the values the user typed (never passwords), so the page
 * shows each message beside its field and loses nothing.
 */
import { fail, type RequestEvent, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { isDomainError } from '../errors';
import { errorMessage, hasMessage, localizeIssues, t } from '$lib/i18n/errors';
import { isDatabaseDown } from './db-errors';
import { uncleanPaths } from '$lib/schemas/text';

export type FormErrors = Record<string, string[]>;
export interface FormFailure {
	values: Record<string, string>;
	errors: FormErrors;
	message: string;
	form?: string;
}

const SECRET = /password|token|secret/i;

export function formValues(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data.entries()) if (typeof v === 'string' && !SECRET.test(k)) out[k] = v;
	return out;
}

/** Form data as a plain object; repeated keys become arrays. */
export function formObject(data: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of data.entries()) {
		if (typeof v !== 'string') continue;
		if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
		else out[k] = v;
	}
	return out;
}

export async function readForm<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	form?: string
): Promise<{ ok: true; data: z.infer<S>; raw: FormData } | { ok: false; failure: ActionFailure<FormFailure> }> {
	const raw = await event.request.formData();
	const object = formObject(raw);
	// Unclean text (NUL, control characters, lone surrogates) is refused beside its field before any schema runs.
	const unclean = uncleanPaths(object);
	const result = unclean.length ? null : schema.safeParse(object);
	if (result?.success) return { ok: true, data: result.data, raw };
	return {
		ok: false,
		failure: fail(400, {
			values: formValues(raw),
			errors: result ? localizeIssues(result.error, event.locals.locale) : Object.fromEntries(unclean.map((p) => [p.split('.')[0], [t('v_text_chars', event.locals.locale)]])),
			message: t('form_has_errors', event.locals.locale),
			form
		} satisfies FormFailure)
	};
}

/** A domain error as a form failure; field codes (`e_*`, `v_*`) become messages. Rethrows the rest. */
export function failFromError(event: RequestEvent, e: unknown, values: Record<string, string> = {}, form?: string): ActionFailure<FormFailure> {
	const locale = event.locals.locale;
	if (isDomainError(e)) {
		const errors: FormErrors = {};
		for (const [field, codes] of Object.entries(e.fields ?? {})) errors[field] = codes.map((c) => (hasMessage(c) ? t(c, locale) : c));
		return fail(e.status, { values, errors, message: errorMessage(e.code, locale, e.details), form } satisfies FormFailure);
	}
	if (isDatabaseDown(e)) return fail(503, { values, errors: {} as FormErrors, message: errorMessage('database_unavailable', locale), form } satisfies FormFailure);
	throw e;
}
