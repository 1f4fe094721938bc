import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { api, actorOf } from '$lib/server/http/api';

/** The owner or an organizer: status, category, partner, badge code when issued. */
export const GET: RequestHandler = (event) =>
	api(event, async () => json(registrations.toApi(await registrations.get(actorOf(event), event.params.id))));
