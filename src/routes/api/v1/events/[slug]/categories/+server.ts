import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { categorySchema } from '$lib/schemas/registrations';
import { api, actorOf, readJson } from '$lib/server/http/api';

/** Categories with capacity and remaining places; public for published events. */
export const GET: RequestHandler = (event) =>
	api(event, async () => json({ categories: await registrations.listCategories(event.locals.user, event.params.slug) }));

/** Organizers create a category. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event, 'organizer');
		const input = await readJson(event, categorySchema);
		return json(await registrations.createCategory(actor, event.params.slug, input), { status: 201 });
	});
