import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { matchProfileSchema } from '$lib/schemas/matchmaking';
import { api, actorOf, readJson } from '$lib/server/http/api';

/** The caller's own matchmaking profile in the edition (with its contact details), or null before they made one. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json({ profile: await matchmaking.myProfile(actor, e.id) });
	});

/** Creates or replaces the caller's profile (`listed` opts in or out); needs a live registration. */
export const PUT: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const input = await readJson(event, matchProfileSchema);
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json({ profile: await matchmaking.saveProfile(actor, e.id, input) });
	});
