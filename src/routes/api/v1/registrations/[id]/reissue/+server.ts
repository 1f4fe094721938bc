import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { api, actorOf } from '$lib/server/http/api';

/** Organizers: issue the next badge version; the previous code is revoked. */
export const POST: RequestHandler = (event) => api(event, async () => json(await registrations.reissueBadge(actorOf(event), event.params.id)));
