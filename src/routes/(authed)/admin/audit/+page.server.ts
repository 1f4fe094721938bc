import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as audit from '$lib/server/audit';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'admin');
	const action = event.url.searchParams.get('action') ?? '';
	return { entries: await audit.list(actor, { action: action || undefined, limit: 200 }), action };
};
