import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';

export const load: PageServerLoad = async (event) => {
	requirePageArea(event, 'organizer');
	return {};
};
