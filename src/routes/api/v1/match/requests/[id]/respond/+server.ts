import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { matchRespondSchema } from '$lib/schemas/matchmaking';
import { api, actorOf, parse, readJson } from '$lib/server/http/api';

const idSchema = z.object({ id: z.uuid({ error: 'v_choice' }) });

/** The asked person (or, for brokered proposals, either side) accepts, optionally into a slot, or declines. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const { id } = parse(event, idSchema, { id: event.params.id });
		const { answer, slotId } = await readJson(event, matchRespondSchema);
		return json(await matchmaking.respond(actor, id, answer, { slotId }));
	});
