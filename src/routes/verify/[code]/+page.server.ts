import type { PageServerLoad } from './$types';
import * as visa from '$lib/server/visa';

/** Public: anyone with the letter (a consulate) checks it here; the name is partly masked. */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	return { code: event.params.code, v: await visa.verify(event.params.code.toUpperCase(), event.url.searchParams.get('s')) };
};
