import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/partners/kit';
import * as events from '$lib/server/events';
import * as partners from '$lib/server/partners';
import { delegateCategorySchema, idSchema, pitchSlotSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';

/** One edition's partners: usage of quotas, every delegation and project, shortlist and pitch slots. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const ev = await events.getBySlug(actor, event.params.slug).catch(pageError);
	const [overview, projects, roadshows] = await Promise.all([
		partners.overview(actor, ev.id),
		partners.projects.list(actor, ev.id),
		partners.projects.roadshows(actor, ev.id)
	]);
	const withEdition = overview.filter((p) => p.edition);
	const [delegations, categories] = await Promise.all([
		Promise.all(withEdition.map(async (p) => ({ partnerId: p.id, delegates: await partners.delegates.list(actor, p.id, ev.id) }))),
		partners.categoryOptions(actor, [ev.id])
	]);
	return {
		event: { slug: ev.slug, name: ev.name, timeZone: ev.timeZone },
		categories: categories[ev.id],
		partners: withEdition.map((p) => ({ id: p.id, name: p.name, timeZone: p.timeZone, edition: p.edition!, delegatesHeld: p.delegatesHeld, projectsHeld: p.projectsHeld })),
		delegations,
		projects,
		roadshows
	};
};

export const actions: Actions = {
	shortlist: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, idSchema, 'project');
		if (!form.ok) return form.failure;
		try {
			await partners.projects.setShortlisted(actor, form.data.id, form.raw.get('shortlisted') === 'true');
		} catch (e) {
			return failFromError(event, e, {}, 'project');
		}
		return { form: 'project', ok: t('ptn_org_saved', event.locals.locale) };
	},
	category: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, delegateCategorySchema, 'category');
		if (!form.ok) return form.failure;
		try {
			await partners.delegates.setCategory(actor, form.data.id, form.data.categoryId);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'category');
		}
		return { form: 'category', ok: t('ptn_org_category_saved', event.locals.locale) };
	},
	place: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, pitchSlotSchema, 'place');
		if (!form.ok) return form.failure;
		try {
			await partners.projects.placePitch(actor, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'place');
		}
		return { form: 'place', ok: t('ptn_org_saved', event.locals.locale) };
	}
};
