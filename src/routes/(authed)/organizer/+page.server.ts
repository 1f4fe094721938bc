import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as events from '$lib/server/events';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	return { events: (await events.listAll(actor)).map((e) => ({ slug: e.slug, name: e.name, status: e.status, startDate: e.startDate, endDate: e.endDate })) };
};
