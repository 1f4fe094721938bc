import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { api } from '$lib/server/http/api';

/**
 * Public: whether a letter is genuine and current, with the name partly masked. `?s=` is the QR's
 * signature. An unknown code is a verdict too (`unknown`, 200), as the document declares.
 */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const v = await visa.verify(event.params.code, event.url.searchParams.get('s'));
		return json(v, { headers: { 'cache-control': 'no-store' } });
	});
