import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import * as schedule from '$lib/server/schedule';
import { matchDirectorySchema as directoryQuery } from '$lib/schemas/matchmaking';

/** The directory of listed people, filtered by the query string (a GET form: works without JavaScript, links can be shared). */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	const parsed = directoryQuery.safeParse(Object.fromEntries(event.url.searchParams));
	const query = parsed.success ? parsed.data : {};
	if (!ev) return { event: null, query, result: null, sectors: [] };
	const [result, rel] = await Promise.all([matchmaking.directory(actor, ev.id, query), schedule.published(ev.id)]);
	return { event: { slug: ev.slug, name: ev.name }, query, result, sectors: rel?.snapshot.tracks.map((t) => ({ slug: t.slug, name: t.name })) ?? [] };
};
