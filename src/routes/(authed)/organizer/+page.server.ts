import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as events from '$lib/server/events';
import * as twoFactor from '$lib/server/auth/two-factor';
import { forgetTwoFactorPolicy } from '$lib/server/http/two-factor-policy';
import { readForm } from '$lib/server/http/forms';
import { t } from '$lib/i18n/errors';
import { z } from 'zod';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const [list, required] = await Promise.all([events.listAll(actor), twoFactor.requiredRoles()]);
	return {
		events: list.map((e) => ({ slug: e.slug, name: e.name, status: e.status, startDate: e.startDate, endDate: e.endDate })),
		required
	};
};

const policySchema = z.object({ roles: z.union([z.enum(['staff', 'organizer', 'admin']), z.array(z.enum(['staff', 'organizer', 'admin']))]).optional() });

export const actions: Actions = {
	require2fa: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, policySchema, 'policy');
		if (!form.ok) return form.failure;
		await twoFactor.setRequiredRoles(actor, ([] as ('staff' | 'organizer' | 'admin')[]).concat(form.data.roles ?? []));
		forgetTwoFactorPolicy();
		return { form: 'policy', ok: t('tfa_policy_saved', event.locals.locale) };
	}
};
