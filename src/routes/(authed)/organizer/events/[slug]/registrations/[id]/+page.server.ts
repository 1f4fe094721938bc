import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import * as registrations from '$lib/server/registrations';
import { countryOptions } from '$lib/server/registrations/countries';
import { answersFromForm, formValuesWithArrays } from '$lib/server/registrations/kit';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const g = await registrations.get(user, event.params.id).catch(() => null);
	if (!g || g.event.slug !== event.params.slug) error(404, { message: 'not_found', code: 'not_found' });
	return { reg: registrations.toApi(g), questions: g.category.questions, countries: countryOptions(event.locals.locale) };
};

/** The person as the result message names them: "Name 中文名". */
async function who(event: RequestEvent<{ slug: string; id: string }>) {
	const user = requirePageArea(event, 'organizer');
	const g = await registrations.get(user, event.params.id);
	return { name: [g.person.name, g.person.nameZh].filter(Boolean).join(' '), email: g.person.email };
}

const actionSchema = z.object({ action: z.enum(['approve', 'reject', 'cancel', 'waitlist']) });

export const actions: Actions = {
	answers: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const raw = await event.request.formData();
		try {
			await registrations.updateAnswers(user, event.params.id, answersFromForm(raw));
		} catch (e) {
			return failFromError(event, e, formValuesWithArrays(raw), 'answers');
		}
		return { form: 'answers', ok: t('desk_reg_answers_saved', event.locals.locale, await who(event)) };
	},
	resend: async (event) => {
		const user = requirePageArea(event, 'organizer');
		await registrations.resendConfirmation(user, event.params.id);
		return { form: 'resend', ok: t('desk_reg_resent', event.locals.locale, await who(event)) };
	},
	reissue: async (event) => {
		const user = requirePageArea(event, 'organizer');
		try {
			await registrations.reissueBadge(user, event.params.id);
		} catch (e) {
			return failFromError(event, e, {}, 'reissue');
		}
		return { form: 'reissue', ok: t('desk_reg_reissued', event.locals.locale, await who(event)) };
	},
	status: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const form = await readForm(event, actionSchema, 'status');
		if (!form.ok) return form.failure;
		try {
			await registrations.transition(user, event.params.id, form.data.action);
		} catch (e) {
			return failFromError(event, e, {}, 'status');
		}
		return { form: 'status', ok: t(`desk_reg_done_${form.data.action}`, event.locals.locale, await who(event)) };
	}
};
