import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import { clearSessionCookie } from '$lib/server/http/session-cookie';
import * as registrations from '$lib/server/registrations';
import * as auth from '$lib/server/auth';
import * as seats from '$lib/server/registrations/seats';
import { qrSvg } from '$lib/server/registrations/badge-image';
import { windowState } from '$lib/server/registrations/rules';
import { countryOptions } from '$lib/server/registrations/countries';
import { answersFromForm, formValuesWithArrays } from '$lib/server/registrations/kit';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'me');
	const mine = await registrations.listMine(user);
	const details = await Promise.all(
		mine.map(async (r) => {
			const g = await registrations.get(user, r.id);
			const reg = g.registration;
			return {
				id: reg.id,
				status: reg.status,
				eventSlug: g.event.slug,
				eventName: g.event.name,
				timeZone: g.event.timeZone,
				category: { name: g.category.name, color: g.category.color, questions: g.category.questions },
				answers: reg.answers,
				editable: (reg.status === 'pending' || reg.status === 'approved' || reg.status === 'waitlisted') && windowState(g.category, new Date()) !== 'closed',
				cancellable: reg.status === 'pending' || reg.status === 'approved' || reg.status === 'waitlisted',
				badgeSvg: reg.status === 'approved' && g.badge ? await qrSvg(g.badge.code) : null,
				person: { name: g.person.name, nameZh: g.person.nameZh, organization: g.person.organization },
				seats: (await seats.mine(user, g.event.slug)).map((s) => ({ ...s, startsAt: s.startsAt?.toISOString() ?? null, endsAt: s.endsAt?.toISOString() ?? null }))
			};
		})
	);
	return { registrations: details, countries: countryOptions(event.locals.locale), justRegistered: event.url.searchParams.has('registered') };
};

const idSchema = z.object({ id: z.uuid() });

export const actions: Actions = {
	answers: async (event) => {
		const user = requirePageArea(event, 'me');
		const form = await readForm(event, idSchema, 'answers');
		if (!form.ok) return form.failure;
		try {
			await registrations.updateAnswers(user, form.data.id, answersFromForm(form.raw));
		} catch (e) {
			return failFromError(event, e, formValuesWithArrays(form.raw), 'answers');
		}
		return { form: 'answers', ok: t('reg_me_saved', event.locals.locale) };
	},
	cancel: async (event) => {
		const user = requirePageArea(event, 'me');
		const form = await readForm(event, idSchema, 'cancel');
		if (!form.ok) return form.failure;
		try {
			await registrations.cancel(user, form.data.id);
		} catch (e) {
			return failFromError(event, e, {}, 'cancel');
		}
		return { form: 'cancel', ok: t('reg_me_cancelled', event.locals.locale) };
	},
	deleteAccount: async (event) => {
		const user = requirePageArea(event, 'me');
		await auth.eraseMyAccount(user);
		clearSessionCookie(event.cookies);
		redirect(303, '/');
	}
};
