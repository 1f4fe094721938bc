import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/auth';
import { logInSchema } from '$lib/schemas/auth';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { setSessionCookie, clientAddress } from '$lib/server/http/session-cookie';
import { safeNext } from '$lib/server/http/guard';
import { CHALLENGE_COOKIE } from '$lib/server/auth/two-factor';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), auth.HOME_OF[locals.user.role]));
	return { next: url.searchParams.get('next') ?? '', loggedOut: url.searchParams.has('loggedOut'), reset: url.searchParams.has('reset') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event, logInSchema);
		if (!form.ok) return form.failure;
		let result;
		try {
			result = await auth.logIn(form.data, { address: clientAddress(event), userAgent: event.request.headers.get('user-agent') });
		} catch (e) {
			return failFromError(event, e, formValues(form.raw));
		}
		const next = String(form.raw.get('next') ?? '');
		if (result.kind === 'challenge') {
			event.cookies.set(CHALLENGE_COOKIE, result.token, { path: '/login', httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:', expires: result.expiresAt });
			redirect(303, `/login/2fa${next ? `?next=${encodeURIComponent(next)}` : ''}`);
		}
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		redirect(303, safeNext(next, auth.HOME_OF[result.user.role]));
	}
};
