import type { PageServerLoad } from './$types';
import * as partners from '$lib/server/partners';
import { invitationActions } from '$lib/server/partners/kit';

/** A nominee's personal invitation: sign up or log in as the invited email, and register. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const inv = await partners.delegates.invitation(params.token);
	if (!inv) return { invitation: null };
	return {
		invitation: { name: inv.delegate.name, email: inv.delegate.email, partnerName: inv.partnerName, eventName: inv.event.name, categoryName: inv.categoryName },
		signedInAs: locals.user?.email ?? null
	};
};

export const actions = invitationActions('delegate');
