import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { matchRequestSchema } from '$lib/schemas/matchmaking';
import { api, actorOf, readJson } from '$lib/server/http/api';

/** The caller's requests in the edition: received and sent. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json(await matchmaking.myRequests(actor, e.id));
	});

/** Asks a listed profile for a meeting: 201 with the request (caps, duplicates and self-requests are 409). */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const input = await readJson(event, matchRequestSchema);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json(await matchmaking.request(actor, e.id, input), { status: 201 });
	});
