import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/registrations/kit';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as registrations from '$lib/server/registrations';
import * as events from '$lib/server/events';
import { categoryFormSchema } from '$lib/schemas/registrations';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	return pageLoad(async () => {
		const ev = await events.getBySlug(user, event.params.slug);
		return { event: { slug: ev.slug, name: ev.name, timeZone: ev.timeZone }, categories: await registrations.listCategories(user, event.params.slug) };
	});
};

export const actions: Actions = {
	save: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const form = await readForm(event, categoryFormSchema, String(event.url.searchParams.get('c') ?? 'new'));
		if (!form.ok) return form.failure;
		const existing = String(form.raw.get('existing') ?? '') || null;
		try {
			await registrations.saveCategoryForm(user, event.params.slug, existing, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), existing ?? 'new');
		}
		return { form: existing ?? 'new', ok: t('reg_org_saved', event.locals.locale) };
	},
	delete: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const form = await readForm(event, z.object({ slug: z.string().min(1) }));
		if (!form.ok) return form.failure;
		try {
			await registrations.deleteCategory(user, event.params.slug, form.data.slug);
		} catch (e) {
			return failFromError(event, e, {}, form.data.slug);
		}
		return { form: form.data.slug, ok: t('reg_org_saved', event.locals.locale) };
	}
};
