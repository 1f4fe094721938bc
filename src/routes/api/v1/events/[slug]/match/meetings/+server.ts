import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { api, actorOf } from '$lib/server/http/api';

/** The caller's meetings (the other person with contact details); organizers every meeting with `?all=1`. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const all = event.url.searchParams.get('all') === '1';
		const actor = actorOf(event, all ? 'organizer' : undefined);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json({ meetings: all ? await matchmaking.meetings(actor, e.id) : await matchmaking.myMeetings(actor, e.id) });
	});
