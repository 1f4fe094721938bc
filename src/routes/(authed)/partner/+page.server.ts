import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/partners/kit';
import * as partners from '$lib/server/partners';
import * as events from '$lib/server/events';
import { partnerProfileSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';
import { countryOptions } from '$lib/server/registrations/countries';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'partner');
	const partnerId = partners.ownPartner(actor);
	const partner = await partners.get(actor, partnerId).catch(pageError);
	const featured = await events.featured();
	const quota = featured ? await partners.delegates.quota(actor, partnerId, featured.id) : null;
	const projectsHeld = featured && quota ? (await partners.projects.list(actor, featured.id, partnerId)).filter((p) => p.status !== 'withdrawn').length : 0;
	return {
		countries: countryOptions(event.locals.locale),
		partner: { name: partner.name, slug: partner.slug, city: partner.city, kind: partner.kind, country: partner.country, timeZone: partner.timeZone, fields: partner.fields, website: partner.website, description: partner.description, plaqueYear: partner.plaqueYear, contacts: partner.contacts, status: partner.status },
		values: partners.toForm(partner),
		event: featured ? { name: featured.name, slug: featured.slug } : null,
		quota,
		projectsHeld
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, partnerProfileSchema, 'profile');
		if (!form.ok) return form.failure;
		try {
			await partners.updateOwnProfile(actor, form.data);
		} catch (e) {
			return failFromError(event, e, { ...formValues(form.raw), fields: form.raw.getAll('fields').join(',') }, 'profile');
		}
		return { form: 'profile', ok: t('ptn_org_saved', event.locals.locale) };
	}
};
