import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as checkin from '$lib/server/checkin';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const ev = await checkin.eventBySlug(actor, event.params.slug);
	return { slug: ev.slug, eventName: ev.name, live: await checkin.live(actor, ev.id) };
};
