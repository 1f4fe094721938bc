/** Localized labels of the visa domain's enumerations, shared by its pages. */
import { m } from '$lib/paraglide/messages.js';
import { ENTRIES, SEXES } from '$lib/schemas/visa';

type Fn = () => string;
const table = m as unknown as Record<string, Fn>;
const label = (key: string) => (table[key] ? table[key]() : key);

export const statusLabel = (s: string) => label(`visa_status_${s}`);
export const statusTone = (s: string) => (s === 'approved' ? 'ok' : s === 'correction' || s === 'submitted' ? 'warn' : s === 'rejected' || s === 'revoked' ? 'err' : '');
export const sexLabel = (s: string) => label(`visa_sex_${s}`);
export const entriesLabel = (e: string) => label(`visa_entries_${e}`);
export const actionLabel = (a: string) => label(`visa_action_${a}`);
export const verdictLabel = (v: string) => label(`visa_verdict_${v}`);

export const sexOptions = () => [{ value: '', label: m.visa_choose() }, ...SEXES.map((s) => ({ value: s, label: sexLabel(s) }))];
export const entriesOptions = () => ENTRIES.map((e) => ({ value: e, label: entriesLabel(e) }));

export function regionName(code: string, locale: string) {
	try {
		return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}
