import type { RequestHandler } from './$types';
import { api, actorOf, parse } from '$lib/server/http/api';
import { listQuerySchema } from '$lib/schemas/registrations';
import { csvExport } from '$lib/server/registrations/csv';

/** CSV of the filtered list (the same filters as the page), organizers only. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const query = parse(event, listQuerySchema, Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== '')));
		const body = await csvExport(actor, event.params.slug, query, event.locals.locale);
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="registrations-${event.params.slug}.csv"`,
				'cache-control': 'private, no-store'
			}
		});
	});
