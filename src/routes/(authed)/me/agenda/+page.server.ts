import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as schedule from '$lib/server/schedule';
import { starActions, baseUrl } from '$lib/server/schedule/kit';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'me');
	return { agenda: await schedule.myAgenda(user, event.locals.locale), feed: await schedule.agenda.hasFeed(user) };
};

export const actions: Actions = {
	...starActions,
	rotate: async (event) => {
		const user = requirePageArea(event, 'me');
		const token = await schedule.agenda.rotateFeedToken(user);
		const url = `${baseUrl(event.url)}/agenda/${token}.ics`;
		return { feedUrl: url, webcal: url.replace(/^https?:/, 'webcal:') };
	}
};
