import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as partners from '$lib/server/partners';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'partner');
	const partner = user.partnerId ? await partners.byId(user.partnerId) : null;
	return { partner: partner ? { name: partner.name, slug: partner.slug } : null };
};
