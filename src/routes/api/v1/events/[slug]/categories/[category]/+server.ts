import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as registrations from '$lib/server/registrations';
import { categoryPatchSchema } from '$lib/schemas/registrations';
import { api, actorOf, readJson } from '$lib/server/http/api';

/** Organizers change a category; a raised capacity promotes from the waitlist at once. */
export const PATCH: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const patch = await readJson(event, categoryPatchSchema);
		return json(await registrations.updateCategory(actor, event.params.slug, event.params.category, patch));
	});

export const DELETE: RequestHandler = (event) =>
	api(event, async () => {
		await registrations.deleteCategory(actorOf(event), event.params.slug, event.params.category);
		return new Response(null, { status: 204 });
	});
