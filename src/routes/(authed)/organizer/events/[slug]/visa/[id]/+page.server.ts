import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import * as visa from '$lib/server/visa';
import { pageError } from '$lib/server/visa/kit';
import { visaDecisionSchema, visaReasonSchema } from '$lib/schemas/visa';
import { t } from '$lib/i18n/errors';
import { DomainError } from '$lib/server/errors';

/** One request with its passport data in clear (organizers), and the decisions its status allows. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	try {
		const ev = await visa.bySlug.event(actor, event.params.slug);
		const r = await visa.get(actor, event.params.id);
		if (r.event !== ev.slug) throw new DomainError('not_found');
		return { event: { slug: ev.slug, name: ev.name }, r };
	} catch (e) {
		pageError(event, e);
	}
};

function decision(action: 'approve' | 'reject' | 'correct' | 'revoke') {
	return async (event: Parameters<Actions[string]>[0]) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, action === 'reject' || action === 'correct' ? visaReasonSchema : visaDecisionSchema, action);
		if (!form.ok) return form.failure;
		try {
			await visa.decide(actor, event.params.id, action, form.data.note);
		} catch (e) {
			return failFromError(event, e, { note: form.data.note ?? '' }, action);
		}
		return { form: action, ok: t(`visa_done_${action}`, event.locals.locale) };
	};
}

export const actions: Actions = {
	approve: decision('approve'),
	reject: decision('reject'),
	correct: decision('correct'),
	revoke: decision('revoke')
};
