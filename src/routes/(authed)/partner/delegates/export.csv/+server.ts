import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import * as partners from '$lib/server/partners';
import * as events from '$lib/server/events';
import { mayEnter } from '$lib/server/auth/access';

/** The representative's own delegation as CSV (UTF-8 with BOM so spreadsheets read Chinese names). */
export const GET: RequestHandler = async ({ locals }) => {
	const actor = locals.user;
	if (!actor || !mayEnter(actor, 'partner') || !actor.partnerId) error(404, { message: 'not_found', code: 'not_found' });
	const ev = await events.featured();
	if (!ev) error(404, { message: 'not_found', code: 'not_found' });
	const csv = await partners.delegates.exportCsv(actor, actor.partnerId, ev.id);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="delegates-${ev.slug}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
