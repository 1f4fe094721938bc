import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as partners from '$lib/server/partners';
import * as events from '$lib/server/events';
import { readUpload } from '$lib/server/partners/files';
import { projectSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'partner');
	const partnerId = partners.ownPartner(actor);
	const ev = await events.featured();
	if (!ev) return { event: null, projects: [], delegates: [], quota: null, timeZone: 'UTC' };
	const [partner, projects, delegates, quota] = await Promise.all([
		partners.get(actor, partnerId),
		partners.projects.list(actor, ev.id, partnerId),
		partners.delegates.list(actor, partnerId, ev.id),
		partners.delegates.quota(actor, partnerId, ev.id)
	]);
	return {
		event: { name: ev.name, timeZone: ev.timeZone },
		timeZone: partner.timeZone,
		projects,
		delegates: delegates.filter((d) => d.status !== 'withdrawn').map((d) => ({ id: d.id, name: d.name })),
		quota: quota ? { projectQuota: quota.projectQuota, held: projects.filter((p) => p.status !== 'withdrawn').length } : null
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, projectSchema, 'submit');
		if (!form.ok) return form.failure;
		try {
			const ev = await events.featured();
			if (!ev) throw new Error('no event');
			const file = form.raw.get('deck');
			const deck = file instanceof File && file.size > 0 ? await readUpload(file, 'deck', 'deck') : null;
			await partners.projects.submit(actor, ev.id, form.data, deck);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'submit');
		}
		return { form: 'submit', ok: t('ptn_portal_submitted', event.locals.locale) };
	}
};
