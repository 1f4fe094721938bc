import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { feedOptions, feedResponse, orHttp } from '$lib/server/schedule/kit';

export const GET: RequestHandler = async (event) => {
	const { slug, code } = event.params;
	const feed = await orHttp(schedule.programIcs(slug, { ...feedOptions(event), code }));
	return feedResponse(event, feed.releaseId, feed.body, 'text/calendar; charset=utf-8', { filename: `${code}.ics` });
};
