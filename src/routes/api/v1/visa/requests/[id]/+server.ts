import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { visaRequestSchema } from '$lib/schemas/visa';
import { api, actorOf, readJson } from '$lib/server/http/api';

/** One request; passport number and date of birth masked except for organizers. */
export const GET: RequestHandler = (event) => api(event, async () => json(await visa.get(actorOf(event), event.params.id)));

/** The requester replaces the data while the request waits or after a correction was asked for. */
export const PATCH: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		return json(await visa.update(actor, event.params.id, await readJson(event, visaRequestSchema)));
	});
