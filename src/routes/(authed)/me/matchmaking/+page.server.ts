import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import * as schedule from '$lib/server/schedule';

/** The attendee's matchmaking home: whether they take part, and who they might meet. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	if (!ev) return { event: null, profile: null, recommendations: [], sectors: [] };
	const profile = await matchmaking.myProfile(actor, ev.id);
	const recommendations = profile?.listed ? await matchmaking.recommendations(actor, ev.id) : [];
	return { event: { slug: ev.slug, name: ev.name }, profile, recommendations, sectors: (await schedule.published(ev.id))?.snapshot.tracks ?? [] };
};
