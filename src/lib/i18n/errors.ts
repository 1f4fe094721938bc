/**
 * Turns machine codes (domain errors, zod issues) into messages in the request's language.
 * Zod schemas carry message keys (`v_*`) as their custom messages; unknown keys fall back by issue code.
 */
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from './text';

type MessageFn = (params?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, MessageFn>;

export function hasMessage(key: string): boolean {
	return typeof messages[key] === 'function';
}

export function t(key: string, locale: Locale, params: Record<string, unknown> = {}): string {
	const fn = messages[key];
	return fn ? fn(params, { locale }) : key;
}

/** A domain error code as a sentence; codes of later domains add `e_<code>` messages. */
export function errorMessage(code: string, locale: Locale, details: Record<string, unknown> = {}): string {
	const key = `e_${code}`;
	if (code === 'rate_limited') return t(key, locale, { seconds: details.retryAfter ?? 60 });
	return hasMessage(key) ? t(key, locale, details) : t('e_unknown', locale);
}

function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
	if (issue.message && issue.message.startsWith('v_') && hasMessage(issue.message)) {
		const i = issue as { minimum?: unknown; maximum?: unknown };
		return t(issue.message, locale, { min: i.minimum, max: i.maximum });
	}
	switch (issue.code) {
		case 'invalid_type':
			return t(issue.input === undefined || issue.input === null || issue.input === '' ? 'v_required' : 'v_invalid', locale);
		case 'too_small':
			if (issue.origin === 'string') return t(Number(issue.minimum) <= 1 ? 'v_required' : 'v_too_short', locale, { min: issue.minimum });
			if (issue.origin === 'array' || issue.origin === 'set') return t('v_required', locale);
			return t('v_too_small', locale, { min: issue.minimum });
		case 'too_big':
			if (issue.origin === 'string') return t('v_too_long', locale, { max: issue.maximum });
			return t('v_too_big', locale, { max: issue.maximum });
		case 'invalid_format':
			if (issue.format === 'email') return t('v_email', locale);
			if (issue.format === 'url') return t('v_url', locale);
			return t('v_invalid', locale);
		case 'invalid_value':
			return t('v_choice', locale);
		default:
			return t('v_invalid', locale);
	}
}

/** Field path ("answers.country") → localized messages. Form-level issues land under "_". */
export function localizeIssues(error: z.ZodError, locale: Locale): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.map(String).join('.') : '_';
		(out[key] ??= []).push(issueMessage(issue, locale));
	}
	return out;
}
