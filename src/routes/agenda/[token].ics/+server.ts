import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { feedOptions, orHttp } from '$lib/server/schedule/kit';

/** A person's starred sessions; the secret URL is the credential, so nothing is cached publicly. */
export const GET: RequestHandler = async (event) => {
	const body = await orHttp(schedule.agendaIcs(event.params.token, feedOptions(event)));
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer' }
	});
};
