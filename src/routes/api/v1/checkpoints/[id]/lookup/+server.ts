import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { scannerOf } from '$lib/server/checkin/kit';
import { api, parse } from '$lib/server/http/api';
import { lookupSchema } from '$lib/schemas/checkin';

/** Manual look-up for a lost badge, within the checkpoint's event. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const scanner = await scannerOf(event);
		const input = parse(event, lookupSchema, { q: event.url.searchParams.get('q') ?? '', checkpointId: event.params.id });
		return json({ people: await checkin.lookup(scanner, input.checkpointId, input.q) }, { headers: { 'cache-control': 'no-store' } });
	});
