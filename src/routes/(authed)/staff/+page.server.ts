import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as checkin from '$lib/server/checkin';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'staff');
	return { events: await checkin.staffHome(actor) };
};
