import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { visaReasonSchema } from '$lib/schemas/visa';
import { optionalJson } from '$lib/server/visa/kit';
import { api, actorOf, parse } from '$lib/server/http/api';

export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event, 'organizer');
		const { note } = parse(event, visaReasonSchema, await optionalJson(event));
		return json(await visa.decide(actor, event.params.id, 'correct', note));
	});
