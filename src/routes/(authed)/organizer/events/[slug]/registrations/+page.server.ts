import type { Actions, PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/registrations/kit';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import { parse } from '$lib/server/http/api';
import * as registrations from '$lib/server/registrations';
import { bulkSchema, listQuerySchema } from '$lib/schemas/registrations';
import { t } from '$lib/i18n/errors';
import { countryOptions } from '$lib/server/registrations/countries';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	return pageLoad(async () => {
		const query = parse(event, listQuerySchema, Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== '')));
		const [result, options] = await Promise.all([registrations.list(user, event.params.slug, query), registrations.filterOptions(user, event.params.slug)]);
		return {
			query: { ...query, page: result.page, pageSize: result.pageSize },
			total: result.total,
			counts: result.counts,
			items: result.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
			options: { categories: options.categories, partners: options.partners, countries: options.countries, fields: options.fields },
			eventName: options.event.name,
			// Region names in the reader's language for the codes this event has.
			countryNames: Object.fromEntries(countryOptions(event.locals.locale).filter((c) => options.countries.includes(c.value)).map((c) => [c.value, c.label]))
		};
	});
};

export const actions: Actions = {
	bulk: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const form = await readForm(event, bulkSchema, 'bulk');
		if (!form.ok) return form.failure;
		try {
			const r = await registrations.bulk(user, event.params.slug, form.data.ids, form.data.action);
			const locale = event.locals.locale;
			const done = t(`desk_bulk_done_${form.data.action}`, locale, { ok: r.ok.length });
			return { form: 'bulk', ok: r.failed.length ? `${done} ${t('desk_bulk_refused', locale, { failed: r.failed.length })}` : done, failed: r.failed };
		} catch (e) {
			return failFromError(event, e, {}, 'bulk');
		}
	}
};
