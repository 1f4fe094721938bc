import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as auth from '$lib/server/auth';
import * as mail from '$lib/server/mail';

export const load: PageServerLoad = async (event) => {
	requirePageArea(event, 'admin');
	const [users, outbox] = await Promise.all([auth.countUsers(), mail.counts()]);
	return { users, outbox };
};
