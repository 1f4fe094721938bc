import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as partners from '$lib/server/partners';
import * as events from '$lib/server/events';
import { idSchema, nomineeSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';
import { isDomainError } from '$lib/server/errors';
import { fail } from '@sveltejs/kit';
import { countryOptions } from '$lib/server/registrations/countries';

async function edition() {
	const ev = await events.featured();
	if (!ev) throw new Error('no event');
	return ev;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'partner');
	const partnerId = partners.ownPartner(actor);
	const ev = await events.featured();
	const countries = countryOptions(event.locals.locale);
	if (!ev) return { event: null, delegates: [], quota: null, timeZone: 'UTC', countries };
	const [partner, list, quota] = await Promise.all([partners.get(actor, partnerId), partners.delegates.list(actor, partnerId, ev.id), partners.delegates.quota(actor, partnerId, ev.id)]);
	return { event: { name: ev.name, timeZone: ev.timeZone }, timeZone: partner.timeZone, delegates: list, quota, countries };
};

export const actions: Actions = {
	nominate: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, nomineeSchema, 'nominate');
		if (!form.ok) return form.failure;
		try {
			await partners.delegates.nominate(actor, (await edition()).id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'nominate');
		}
		return { form: 'nominate', ok: t('ptn_portal_nominated', event.locals.locale) };
	},
	csv: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { form: 'csv', message: t('e_upload_empty', event.locals.locale), problems: [] });
		try {
			const { imported } = await partners.delegates.importCsv(actor, (await edition()).id, await file.text());
			return { form: 'csv', ok: t('ptn_csv_imported', event.locals.locale, { count: imported }) };
		} catch (e) {
			if (isDomainError(e) && e.code === 'ptn_csv_invalid')
				return fail(400, { form: 'csv', message: t('e_ptn_csv_invalid', event.locals.locale), problems: (e.details?.problems ?? []) as { line: number; reason: string }[] });
			return failFromError(event, e, {}, 'csv');
		}
	},
	resend: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, idSchema, 'row');
		if (!form.ok) return form.failure;
		try {
			await partners.delegates.resend(actor, form.data.id);
		} catch (e) {
			return failFromError(event, e, {}, 'row');
		}
		return { form: 'row', ok: t('ptn_portal_resent', event.locals.locale) };
	},
	withdraw: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, idSchema, 'row');
		if (!form.ok) return form.failure;
		try {
			await partners.delegates.withdraw(actor, form.data.id);
		} catch (e) {
			return failFromError(event, e, {}, 'row');
		}
		return { form: 'row', ok: t('ptn_portal_withdrawn', event.locals.locale) };
	}
};
