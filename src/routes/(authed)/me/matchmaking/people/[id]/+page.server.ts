import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as matchmaking from '$lib/server/matchmaking';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';
import { matchRequestSchema } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';

/** One person's profile; their mail and phone are in it only when the viewer has an accepted meeting with them. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const profile = await orHttp(matchmaking.profile(actor, event.params.id));
	const [mine, rel] = await Promise.all([matchmaking.myProfile(actor, profile.eventId), schedule.published(profile.eventId)]);
	// A request already open or accepted between the two: the page shows it instead of a second form.
	const reqs = mine ? await matchmaking.myRequests(actor, profile.eventId) : { incoming: [], outgoing: [] };
	const live = [...reqs.incoming, ...reqs.outgoing].find((r) => (r.from.id === profile.id || r.to.id === profile.id) && (r.status === 'pending' || r.status === 'accepted'));
	return { profile, existing: live ? { status: live.status } : null, myProjects: mine?.projects ?? [], mineId: mine?.id ?? null, sectors: rel?.snapshot.tracks.map((t) => ({ slug: t.slug, name: t.name })) ?? [] };
};

export const actions: Actions = {
	request: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, matchRequestSchema, 'request');
		if (!form.ok) return form.failure;
		try {
			const to = await matchmaking.profile(actor, event.params.id);
			await matchmaking.request(actor, to.eventId, { ...form.data, toProfileId: to.id });
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'request');
		}
		return { form: 'request', ok: t('mm_request_sent', event.locals.locale) };
	}
};
