import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime.js';
import { isLocale } from '$lib/i18n/text';
import { safeNext } from '$lib/server/http/guard';

/** The language switch: a plain form post, so it works without JavaScript. The choice persists in a cookie. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const origin = request.headers.get('origin');
	if (origin && origin !== url.origin) redirect(303, '/');
	const form = await request.formData().catch(() => new FormData());
	const locale = form.get('locale');
	if (isLocale(locale)) cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: url.protocol === 'https:' });
	redirect(303, safeNext(String(form.get('redirectTo') ?? '/'), '/'));
};
