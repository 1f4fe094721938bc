import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import { matchBrokerSchema } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';

/** A partner representative proposes meetings for the partner's own delegates (the domain refuses anyone else's). */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'partner');
	const ev = await events.featured();
	if (!ev) return { event: null, people: [], peopleTotal: 0, q: '', brokered: [] };
	const q = event.url.searchParams.get('q') ?? '';
	const [people, brokered] = await Promise.all([matchmaking.directory(actor, ev.id, { q }), matchmaking.brokeredRequests(actor, ev.id)]);
	return { event: { slug: ev.slug, name: ev.name }, people: people.items.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh, organization: p.organization, kind: p.kind })), peopleTotal: people.total, q, brokered };
};

export const actions: Actions = {
	broker: async (event) => {
		const actor = requirePageArea(event, 'partner');
		const form = await readForm(event, matchBrokerSchema, 'broker');
		if (!form.ok) return form.failure;
		try {
			const ev = await events.featured();
			if (!ev) throw new Error('no featured event');
			await matchmaking.broker(actor, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'broker');
		}
		return { form: 'broker', ok: t('mm_broker_sent', event.locals.locale) };
	}
};
