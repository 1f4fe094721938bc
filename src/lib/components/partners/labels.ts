/** Localized labels of the partners domain's enumerations, shared by its pages. */
import { m } from '$lib/paraglide/messages.js';
import { DEGREES, FIELDS, PARTNER_KINDS, STAGES } from '$lib/schemas/partners';

type Fn = () => string;
const table = m as unknown as Record<string, Fn>;
const label = (key: string) => (table[key] ? table[key]() : key);

export const kindLabel = (k: string) => label(`ptn_kind_${k}`);
export const fieldLabel = (f: string | null | undefined) => (f ? label(`ptn_field_${f}`) : '');
export const stageLabel = (s: string) => label(`ptn_stage_${s}`);
export const degreeLabel = (d: string | null | undefined) => (d ? label(`ptn_degree_${d}`) : '');
export const projectStatusLabel = (s: string) => label(`ptn_project_${s}`);
export const statusLabel = (s: string) => label(`ptn_status_${s}`);

export const kindOptions = () => PARTNER_KINDS.map((k) => ({ value: k, label: kindLabel(k) }));
export const fieldOptions = () => FIELDS.map((f) => ({ value: f, label: fieldLabel(f) }));
export const degreeOptions = () => [{ value: '', label: '—' }, ...DEGREES.map((d) => ({ value: d, label: degreeLabel(d) }))];
export const stageOptions = () => STAGES.map((s) => ({ value: s, label: stageLabel(s) }));
