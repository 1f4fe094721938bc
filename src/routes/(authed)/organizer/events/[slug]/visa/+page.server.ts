import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as visa from '$lib/server/visa';
import { fileBytes, pageError } from '$lib/server/visa/kit';
import { visaListQuerySchema, visaSettingsSchema } from '$lib/schemas/visa';
import { t } from '$lib/i18n/errors';

/** The organizers' queue of an edition, its letter settings, and the approved list's export. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	try {
		const ev = await visa.bySlug.event(actor, event.params.slug);
		const q = visaListQuerySchema.safeParse({ status: event.url.searchParams.get('status') || undefined });
		const status = q.success ? q.data.status : undefined;
		const enabled = !!visa.keySource();
		const [all, settings] = await Promise.all([enabled ? visa.list(actor, ev.id) : [], visa.bySlug.settings(actor, event.params.slug)]);
		const counts: Record<string, number> = {};
		for (const r of all) counts[r.status] = (counts[r.status] ?? 0) + 1;
		return { event: { slug: ev.slug, name: ev.name }, requests: all.filter((r) => !status || r.status === status), counts, status: status ?? null, settings, enabled };
	} catch (e) {
		pageError(event, e);
	}
};

export const actions: Actions = {
	settings: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, visaSettingsSchema, 'settings');
		if (!form.ok) return form.failure;
		try {
			await visa.bySlug.saveSettings(actor, event.params.slug, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'settings');
		}
		return { form: 'settings', ok: t('visa_saved', event.locals.locale) };
	},
	images: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const data = await event.request.formData();
		try {
			for (const which of ['letterhead', 'seal'] as const) {
				const bytes = await fileBytes(data, which);
				if (bytes.length) await visa.bySlug.setImage(actor, event.params.slug, which, bytes);
			}
		} catch (e) {
			return failFromError(event, e, {}, 'images');
		}
		return { form: 'images', ok: t('visa_saved', event.locals.locale) };
	}
};
