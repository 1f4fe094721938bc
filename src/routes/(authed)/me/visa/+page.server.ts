import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as visa from '$lib/server/visa';
import * as events from '$lib/server/events';
import { countryOptions } from '$lib/server/registrations/countries';
import { visaRequestSchema } from '$lib/schemas/visa';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	const countries = countryOptions(event.locals.locale).filter((c) => c.value !== 'CN');
	if (!ev) return { event: null, request: null, eligibility: 'none' as const, enabled: true, countries };
	const enabled = !!visa.keySource();
	const [request, eligibility] = await Promise.all([enabled ? visa.mine(actor, ev.id) : null, visa.eligibility(actor, ev.id)]);
	return { event: { name: ev.name, startDate: ev.startDate, endDate: ev.endDate }, request, eligibility, enabled, countries };
};

async function save(event: Parameters<Actions[string]>[0], form: 'request' | 'update') {
	const actor = requirePageArea(event, 'me');
	const parsed = await readForm(event, visaRequestSchema, form);
	if (!parsed.ok) return parsed.failure;
	try {
		const ev = await events.featured();
		if (!ev) throw new Error('no featured event');
		const mine = await visa.mine(actor, ev.id);
		if (mine) await visa.update(actor, mine.id, parsed.data);
		else await visa.create(actor, ev.id, parsed.data);
	} catch (e) {
		return failFromError(event, e, formValues(parsed.raw), form);
	}
	return { form, ok: t('visa_saved', event.locals.locale) };
}

export const actions: Actions = {
	request: (event) => save(event, 'request'),
	update: (event) => save(event, 'update')
};
