import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { reasonSchema } from '$lib/schemas/registrations';
import { api, actorOf, parse } from '$lib/server/http/api';
import { optionalJson } from '$lib/server/registrations/kit';

export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const body = parse(event, reasonSchema, await optionalJson(event));
		return json(await registrations.transition(actor, event.params.id, 'cancel', body));
	});
