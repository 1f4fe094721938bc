import type { PageServerLoad } from './$types';
import * as partners from '$lib/server/partners';
import { invitationActions } from '$lib/server/partners/kit';

/** A partner representative's invitation: binds the account with the invited email to the partner. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const inv = await partners.repInvitation(params.token);
	if (!inv) return { invitation: null };
	return { invitation: { name: inv.name, email: inv.email, partnerName: inv.partnerName }, signedInAs: locals.user?.email ?? null };
};

export const actions = invitationActions('representative');
