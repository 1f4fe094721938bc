import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { api, actorOf } from '$lib/server/http/api';

/** Organizers: places every accepted, unlocked meeting into slots and tables; answers the run's summary. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event, 'organizer');
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json(await matchmaking.scheduleAll(actor, e.id));
	});
