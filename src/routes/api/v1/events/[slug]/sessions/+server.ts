import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { api } from '$lib/server/http/api';
import { feedResponse } from '$lib/server/schedule/kit';

export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const out = await schedule.sessionsApi(event.params.slug, event.locals.locale);
		return feedResponse(event, out.releaseId, JSON.stringify(out.body), 'application/json; charset=utf-8', { cache: 'public, max-age=60' });
	});
