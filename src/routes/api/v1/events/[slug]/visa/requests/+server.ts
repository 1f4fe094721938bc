import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { visaListQuerySchema, visaRequestSchema } from '$lib/schemas/visa';
import { api, actorOf, parse, readJson } from '$lib/server/http/api';

/** The requests the caller may see: organizers all, representatives their delegates', anyone else their own. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const query = parse(event, visaListQuerySchema, Object.fromEntries(event.url.searchParams));
		return json({ requests: await visa.bySlug.list(actor, event.params.slug, query) });
	});

/** A request for the caller's own registration, or (representatives) a delegate's: 201 with the request. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const input = await readJson(event, visaRequestSchema);
		return json(await visa.bySlug.create(actor, event.params.slug, input), { status: 201 });
	});
