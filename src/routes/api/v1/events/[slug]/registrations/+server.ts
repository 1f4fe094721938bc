import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { listQuerySchema, registerSchema } from '$lib/schemas/registrations';
import { api, actorOf, parse, readJson } from '$lib/server/http/api';

/** Registers the caller: 201 {id, status}. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const input = await readJson(event, registerSchema);
		const r = await registrations.register(actor, event.params.slug, input);
		return json({ id: r.id, status: r.status }, { status: 201 });
	});

/** Organizers: the registrations, filtered and paged. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const query = parse(event, listQuerySchema, Object.fromEntries(event.url.searchParams));
		const { total, counts, page, pageSize, items } = await registrations.list(actor, event.params.slug, query);
		return json({
			total,
			counts,
			page,
			pageSize,
			registrations: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), partner: i.partner?.slug ? i.partner : null }))
		});
	});
