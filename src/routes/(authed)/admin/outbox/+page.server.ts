import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as mail from '$lib/server/mail';

export const load: PageServerLoad = async (event) => {
	requirePageArea(event, 'admin');
	const page = Math.max(1, Number(event.url.searchParams.get('page') ?? 1) || 1);
	return { mails: await mail.list({ limit: 50, offset: (page - 1) * 50 }), page, smtp: mail.smtpConfigured() };
};
