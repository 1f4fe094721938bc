import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { scannerOf } from '$lib/server/checkin/kit';
import { actorOf, api, readJson } from '$lib/server/http/api';
import { checkpointInputSchema } from '$lib/schemas/checkin';

/** Organizers and scanners of the event: its checkpoints (a device sees its own). */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const scanner = await scannerOf(event);
		const ev = await checkin.eventBySlug(scanner, event.params.slug);
		return json({ checkpoints: (await checkin.listCheckpoints(scanner, ev.id)).map(checkin.toApi) });
	});

export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event, 'organizer');
		const input = await readJson(event, checkpointInputSchema);
		const ev = await checkin.eventBySlug(actor, event.params.slug);
		return json(checkin.toApi(await checkin.createCheckpoint(actor, ev.id, input)), { status: 201 });
	});
