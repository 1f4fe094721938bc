import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/partners/kit';
import * as partners from '$lib/server/partners';
import { readUpload } from '$lib/server/partners/files';
import { partnerSchema, quotaSchema, repInviteSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';
import { countryOptions } from '$lib/server/registrations/countries';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const id = event.params.id;
	const partner = await partners.get(actor, id).catch(pageError);
	const [editions, reps] = await Promise.all([partners.editions(actor, id), partners.representatives(actor, id)]);
	const categories = await partners.categoryOptions(actor, editions.map((e) => e.eventId));
	return {
		countries: countryOptions(event.locals.locale), partner: { id: partner.id, slug: partner.slug, name: partner.name, hasLogo: !!partner.logo, status: partner.status }, values: partners.toForm(partner), editions, categories, reps, created: event.url.searchParams.has('created') };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, partnerSchema, 'save');
		if (!form.ok) return form.failure;
		try {
			await partners.update(actor, event.params.id, form.data);
		} catch (e) {
			return failFromError(event, e, { ...formValues(form.raw), fields: form.raw.getAll('fields').join(',') }, 'save');
		}
		return { form: 'save', ok: t('ptn_org_saved', event.locals.locale) };
	},
	logo: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		try {
			const data = await event.request.formData();
			await partners.setLogo(actor, event.params.id, await readUpload(data.get('logo') as File | null, 'logo', 'logo'));
		} catch (e) {
			return failFromError(event, e, {}, 'logo');
		}
		return { form: 'logo', ok: t('ptn_org_saved', event.locals.locale) };
	},
	quota: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, quotaSchema, 'quota');
		if (!form.ok) return form.failure;
		try {
			await partners.setQuota(actor, event.params.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'quota');
		}
		return { form: 'quota', ok: t('ptn_org_saved', event.locals.locale) };
	},
	invite: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, repInviteSchema, 'invite');
		if (!form.ok) return form.failure;
		try {
			await partners.inviteRepresentative(actor, event.params.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'invite');
		}
		return { form: 'invite', ok: t('ptn_org_invited', event.locals.locale) };
	}
};
