import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as visa from '$lib/server/visa';
import * as events from '$lib/server/events';
import { countryOptions } from '$lib/server/registrations/countries';
import { z } from 'zod';
import { visaRequestSchema } from '$lib/schemas/visa';
import { t } from '$lib/i18n/errors';
import { DomainError } from '$lib/server/errors';

/** The representative's delegates: their requests (passport data masked) and a form to ask for one. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'partner');
	const ev = await events.featured();
	const countries = countryOptions(event.locals.locale).filter((c) => c.value !== 'CN');
	if (!ev) return { event: null, requests: [], delegates: [], enabled: true, countries };
	const enabled = !!visa.keySource();
	const [requests, delegates] = await Promise.all([enabled ? visa.list(actor, ev.id) : [], visa.delegates(actor, ev.id)]);
	return {
		event: { name: ev.name, startDate: ev.startDate, endDate: ev.endDate },
		requests,
		delegates: delegates.filter((d) => !d.requestId).map((d) => ({ value: d.registrationId, label: d.name })),
		enabled,
		countries
	};
};

export const actions: Actions = {
	request: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, visaRequestSchema, 'request');
		if (!form.ok) return form.failure;
		try {
			const ev = await events.featured();
			if (!ev) throw new Error('no featured event');
			await visa.create(actor, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'request');
		}
		return { form: 'request', ok: t('visa_saved', event.locals.locale) };
	},
	update: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const data = await event.request.clone().formData();
		const id = z.uuid().safeParse(data.get('id'));
		const name = `update-${id.success ? id.data : ''}`;
		const form = await readForm(event, visaRequestSchema, name);
		if (!form.ok) return form.failure;
		try {
			if (!id.success) throw new DomainError('not_found');
			await visa.update(actor, id.data, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), name);
		}
		return { form: name, ok: t('visa_saved', event.locals.locale) };
	}
};
