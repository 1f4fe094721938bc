import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/auth';
import { CHALLENGE_COOKIE } from '$lib/server/auth/two-factor';
import { twoFactorCodeSchema } from '$lib/schemas/auth';
import { readForm, failFromError } from '$lib/server/http/forms';
import { setSessionCookie, clientAddress } from '$lib/server/http/session-cookie';
import { safeNext } from '$lib/server/http/guard';

export const load: PageServerLoad = async ({ cookies, url }) => {
	if (!cookies.get(CHALLENGE_COOKIE)) redirect(303, '/login');
	return { next: url.searchParams.get('next') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const challenge = event.cookies.get(CHALLENGE_COOKIE);
		if (!challenge) redirect(303, '/login');
		const form = await readForm(event, twoFactorCodeSchema);
		if (!form.ok) return form.failure;
		let result;
		try {
			result = await auth.completeTwoFactor(challenge, form.data.code, { address: clientAddress(event), userAgent: event.request.headers.get('user-agent') });
		} catch (e) {
			if ((e as { code?: string }).code === 'invalid_token') {
				event.cookies.delete(CHALLENGE_COOKIE, { path: '/login' });
				redirect(303, '/login');
			}
			return failFromError(event, e);
		}
		event.cookies.delete(CHALLENGE_COOKIE, { path: '/login' });
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		redirect(303, safeNext(String(form.raw.get('next') ?? ''), auth.HOME_OF[result.user.role]));
	}
};
