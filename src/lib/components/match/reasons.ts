/**
 * A recommendation's reasons, worded in the reader's language. The domain gives each reason as a
 * message key and parameters (codes: intents, track slugs, language codes); they become words here.
 */
import { m } from '$lib/paraglide/messages.js';
import { intentLabel, joinList, languageLabel } from './labels';

type Fn = (params?: Record<string, unknown>) => string;
const table = m as unknown as Record<string, Fn>;

export interface Reason {
	key: string;
	params?: Record<string, unknown>;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v == null || v === '' ? [] : String(v).split(','));

export function reasonWords(r: Reason, sectorName: (slug: string) => string, locale: string): string {
	const p = r.params ?? {};
	const params: Record<string, unknown> = { ...p };
	for (const k of ['intent', 'intents', 'offer', 'offers', 'seek', 'seeks']) if (k in p) params[k] = joinList(list(p[k]).map(intentLabel), locale);
	for (const k of ['sector', 'sectors']) if (k in p) params[k] = joinList(list(p[k]).map(sectorName), locale);
	for (const k of ['language', 'languages']) if (k in p) params[k] = joinList(list(p[k]).map((c) => languageLabel(c, locale)), locale);
	if ('count' in p) params.count = Number(p.count);
	const fn = table[`mm_why_${r.key}`];
	return fn ? fn(params) : '';
}

export function reasonText(reasons: Reason[], sectorName: (slug: string) => string, locale: string): string {
	const words = reasons.map((r) => reasonWords(r, sectorName, locale)).filter(Boolean);
	return words.join(locale === 'en' ? '; ' : '；');
}
