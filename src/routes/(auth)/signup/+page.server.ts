import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/auth';
import { signUpSchema } from '$lib/schemas/auth';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { setSessionCookie, clientAddress } from '$lib/server/http/session-cookie';
import { safeNext } from '$lib/server/http/guard';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), auth.HOME_OF[locals.user.role]));
	return { next: url.searchParams.get('next') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event, signUpSchema);
		if (!form.ok) return form.failure;
		let result;
		try {
			result = await auth.signUp(form.data, {
				address: clientAddress(event),
				userAgent: event.request.headers.get('user-agent'),
				locale: event.locals.locale
			});
		} catch (e) {
			return failFromError(event, e, formValues(form.raw));
		}
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		redirect(303, safeNext(String(form.raw.get('next') ?? ''), '/me'));
	}
};
