/** CSV export of the organizer list with csv-stringify; a BOM so spreadsheet apps read Chinese as UTF-8. */
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../auth/access';
import { pick } from '$lib/i18n/text';
import { exportRows, type ListFilters } from './list';
import { countryName } from './countries';

export async function csvExport(actor: Actor, eventSlug: string, query: ListFilters, locale: string): Promise<string> {
	const rows: unknown[][] = [];
	let keys: string[] | null = null;
	for await (const r of exportRows(actor, eventSlug, query)) {
		keys ??= Object.keys(r.answers ?? {});
		rows.push([
			r.publicId,
			r.status,
			pick(r.category.name, locale),
			r.partner?.slug ?? '',
			r.name,
			r.nameZh ?? '',
			r.email,
			r.organization ?? '',
			r.country ?? '',
			countryName(r.country, locale),
			r.field ?? '',
			r.createdAt.toISOString(),
			...keys.map((k) => {
				const v = (r.answers as Record<string, unknown>)[k];
				return Array.isArray(v) ? v.join('; ') : v === null || v === undefined ? '' : String(v);
			})
		]);
	}
	const header = ['id', 'status', 'category', 'partner', 'name', 'name_zh', 'email', 'organization', 'country', 'country_name', 'field', 'registered_at', ...(keys ?? []).map((k) => `answer_${k}`)];
	// Cells that start with = + - @ would run as formulas in a spreadsheet: neutralise them.
	const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
	return '\ufeff' + stringify([header, ...rows.map((r) => r.map(safe))]);
}
