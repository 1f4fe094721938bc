import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { api, actorOf } from '$lib/server/http/api';

/** Profiles worth meeting for the caller, best first, with the reasons as message keys and parameters. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json({ recommendations: await matchmaking.recommendations(actor, e.id) });
	});
