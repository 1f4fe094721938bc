import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as matchmaking from '$lib/server/matchmaking';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';

/** Requested, accepted, scheduled, held and no-show meetings, in total and by sector, kind and partner. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const ev = await orHttp(matchmaking.eventBySlug(actor, event.params.slug));
	const [figures, rel] = await Promise.all([matchmaking.figures(actor, ev.id), schedule.published(ev.id)]);
	return { event: ev, figures, sectors: rel?.snapshot.tracks.map((t) => ({ slug: t.slug, name: t.name })) ?? [] };
};
