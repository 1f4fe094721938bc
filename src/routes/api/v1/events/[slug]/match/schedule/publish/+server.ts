import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { api, actorOf } from '$lib/server/http/api';

/** Organizers: marks the schedule final and mails each person their meetings. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event, 'organizer');
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json(await matchmaking.publishSchedule(actor, e.id));
	});
