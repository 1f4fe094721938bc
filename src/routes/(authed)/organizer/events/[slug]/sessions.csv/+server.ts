import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { exportCsv } from '$lib/server/schedule/csv';
import { orHttp } from '$lib/server/schedule/kit';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, { message: 'unauthenticated', code: 'unauthenticated' });
	const ev = await orHttp(schedule.editor.eventBySlug(locals.user, params.slug));
	const body = await orHttp(exportCsv(locals.user, ev.id));
	return new Response(body, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${ev.slug}-sessions.csv"`, 'cache-control': 'private, no-store' }
	});
};
