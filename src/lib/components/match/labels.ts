/** Localized labels of the matchmaking domain's enumerations and recommendation reasons, shared by its pages. */
import { m } from '$lib/paraglide/messages.js';

type Fn = (params?: Record<string, unknown>) => string;
const table = m as unknown as Record<string, Fn>;
const label = (key: string, params?: Record<string, unknown>) => (table[key] ? table[key](params) : key);

export const KINDS = ['talent', 'enterprise', 'investor', 'incubator', 'government', 'research'] as const;
export const INTENTS = ['invest', 'raise', 'partner', 'recruit', 'job', 'incubate'] as const;
export const LANGUAGES = ['zh', 'en', 'ja', 'ko', 'de', 'fr', 'ru', 'es'] as const;

export const kindLabel = (k: string) => label(`mm_kind_${k}`);
export const intentLabel = (i: string) => label(`mm_intent_${i}`);
export const requestStatusLabel = (s: string) => label(`mm_rs_${s}`);
export const meetingStatusLabel = (s: string) => label(`mm_ms_${s}`);
export const outcomeLabel = (o: string) => label(`mm_outcome_${o}`);
export const modeLabel = (s: string) => label(`mm_mode_${s}`);
export const reasonLabel = (key: string) => label(`mm_why_${key}`);
export const languageLabel = (code: string, locale: string) => {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
};
export const requestTone = (s: string) => (s === 'accepted' ? 'ok' : s === 'pending' ? 'warn' : s === 'declined' || s === 'expired' ? 'err' : '');
export const meetingTone = (s: string) => (s === 'held' ? 'ok' : s === 'scheduled' ? 'ok' : s === 'unscheduled' ? 'warn' : 'err');

/** A list in the reader's language: "a, b" in English, "甲、乙" in Chinese. */
export const joinList = (items: string[], locale: string) => items.join(locale === 'en' ? ', ' : '、');

/** "Wed 09:30–09:50" in the given zone; weekday and time apart (zh-CN's Intl runs them together). */
export function slotText(startsAt: string | Date, endsAt: string | Date | null, zone: string, locale: string): string {
	const s = new Date(startsAt);
	const day = s.toLocaleDateString(locale, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: zone });
	const t = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone });
	return `${day} ${t(s)}${endsAt ? `–${t(new Date(endsAt))}` : ''}`;
}

/** The initials shown when a person has no photo. */
export function initials(name: string): string {
	const parts = name.trim().split(/\s+/);
	if (/[\u4e00-\u9fff]/.test(name)) return name.trim().slice(0, 1);
	return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
