import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { feedOptions, feedResponse, orHttp } from '$lib/server/schedule/kit';

export const GET: RequestHandler = async (event) => {
	const feed = await orHttp(schedule.frab(event.params.slug, 'xml', feedOptions(event)));
	return feedResponse(event, feed.releaseId, feed.body, 'application/xml; charset=utf-8');
};
