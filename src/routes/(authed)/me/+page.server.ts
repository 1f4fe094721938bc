import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as registrations from '$lib/server/registrations';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'me');
	return { registrations: await registrations.listMine(user) };
};
