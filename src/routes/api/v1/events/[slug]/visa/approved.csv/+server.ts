import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { csvResponse } from '$lib/server/visa/kit';
import { api, actorOf } from '$lib/server/http/api';

/** The approved list for the invitation confirmation (邀请确认函): organizers only, audited. */
export const GET: RequestHandler = (event) =>
	api(event, async () => csvResponse(await visa.bySlug.csv(actorOf(event), event.params.slug), `visa-approved-${event.params.slug}.csv`));
