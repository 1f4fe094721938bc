import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as audit from '$lib/server/audit';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'admin');
	const action = event.url.searchParams.get('action') ?? '';
	const page = Math.max(1, Math.floor(Number(event.url.searchParams.get('page') ?? 1)) || 1);
	return { ...(await audit.readable(actor, { action: action || undefined, page, pageSize: 50 })), action };
};
