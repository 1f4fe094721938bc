import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as events from '$lib/server/events';
import * as partners from '$lib/server/partners';
import { api } from '$lib/server/http/api';

/** The public directory of an edition's partner organisations (CONTRACTS.md). */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const ev = await events.getBySlug(event.locals.user, event.params.slug);
		return json({ event: ev.slug, partners: (await partners.directory(event.locals.user, ev.id)).map(partners.toApi) });
	});
