import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as partners from '$lib/server/partners';
import * as events from '$lib/server/events';
import { partnerSchema } from '$lib/schemas/partners';
import { countryOptions } from '$lib/server/registrations/countries';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const featured = await events.featured();
	const list = await partners.overview(actor, featured?.id ?? null);
	return {
		countries: countryOptions(event.locals.locale),
		event: featured ? { slug: featured.slug, name: featured.name } : null,
		partners: list.map((p) => ({ id: p.id, slug: p.slug, name: p.name, city: p.city, kind: p.kind, status: p.status, edition: p.edition, delegatesHeld: p.delegatesHeld, projectsHeld: p.projectsHeld }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, partnerSchema, 'create');
		if (!form.ok) return form.failure;
		let id: string;
		try {
			id = (await partners.create(actor, form.data)).id;
		} catch (e) {
			return failFromError(event, e, { ...formValues(form.raw), fields: form.raw.getAll('fields').join(',') }, 'create');
		}
		redirect(303, `/organizer/partners/${id}?created=1`);
	}
};
