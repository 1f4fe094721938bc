import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requirePageUser } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import * as registrations from '$lib/server/registrations';
import * as events from '$lib/server/events';
import { countryOptions } from '$lib/server/registrations/countries';
import { answersFromForm, formValuesWithArrays, pageLoad } from '$lib/server/registrations/kit';
import { isDomainError } from '$lib/server/errors';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	return pageLoad(async () => {
		const slug = event.params.slug;
		const [ev, categories, mine] = await Promise.all([events.getBySlug(user, slug), registrations.listCategories(user, slug), registrations.mineFor(user, slug)]);
		const open = categories.filter((c) => c.open === 'open');
		const wanted = event.url.searchParams.get('category');
		const selected = open.find((c) => c.slug === wanted)?.slug ?? (open.length === 1 ? open[0].slug : null);
		return {
			event: { slug: ev.slug, name: ev.name, privacyVersion: ev.privacyVersion, timeZone: ev.timeZone },
			categories,
			selected,
			registered: mine ? { status: mine.registration.status } : null,
			countries: countryOptions(event.locals.locale)
		};
	});
};

const formSchema = z.object({ category: z.string({ error: 'v_required' }).min(1, { error: 'v_required' }).max(80) });

export const actions: Actions = {
	default: async (event) => {
		const user = requirePageUser(event);
		const form = await readForm(event, formSchema);
		if (!form.ok) return form.failure;
		try {
			await registrations.register(user, event.params.slug, {
				category: form.data.category,
				answers: answersFromForm(form.raw),
				consent: form.raw.get('consent') === 'on'
			});
		} catch (e) {
			// A double submit lands on the registration made by the first one.
			if (isDomainError(e) && e.code === 'already_registered') redirect(303, '/me');
			return failFromError(event, e, formValuesWithArrays(form.raw));
		}
		redirect(303, '/me?registered=1');
	}
};
