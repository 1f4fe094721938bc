import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as auth from '$lib/server/auth';
import * as partners from '$lib/server/partners';
import { setRoleSchema } from '$lib/schemas/auth';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { t } from '$lib/i18n/errors';
import { z } from 'zod';
import { fail } from '@sveltejs/kit';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'admin');
	const q = event.url.searchParams.get('q') ?? '';
	const page = Math.max(1, Math.floor(Number(event.url.searchParams.get('page') ?? 1)) || 1);
	const [list, partnerList] = await Promise.all([auth.listUsers(actor, { q, page, pageSize: 25 }), partners.listAll(actor)]);
	return { ...list, q, partners: partnerList };
};

const idSchema = z.object({ userId: z.uuid() });

export const actions: Actions = {
	setRole: async (event) => {
		const actor = requirePageArea(event, 'admin');
		const form = await readForm(event, setRoleSchema, 'setRole');
		if (!form.ok) return form.failure;
		try {
			const user = await auth.setRole(actor, form.data);
			return { ok: t('admin_user_role_saved', event.locals.locale, { email: user.email, role: t(`role_${user.role}`, event.locals.locale) }) };
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'setRole');
		}
	},
	disable: async (event) => {
		const actor = requirePageArea(event, 'admin');
		const form = await readForm(event, idSchema);
		if (!form.ok) return form.failure;
		// The domain refuses it too; here it gets a message that says why.
		if (form.data.userId === actor.id) return fail(403, { message: t('desk_admin_self_disable', event.locals.locale) });
		try {
			const user = await auth.setDisabled(actor, form.data.userId, true);
			return { ok: t('admin_user_disabled_done', event.locals.locale, { email: user.email }) };
		} catch (e) {
			return failFromError(event, e);
		}
	},
	enable: async (event) => {
		const actor = requirePageArea(event, 'admin');
		const form = await readForm(event, idSchema);
		if (!form.ok) return form.failure;
		try {
			const user = await auth.setDisabled(actor, form.data.userId, false);
			return { ok: t('admin_user_enabled_done', event.locals.locale, { email: user.email }) };
		} catch (e) {
			return failFromError(event, e);
		}
	}
};
