/**
 * The partners domain's SvelteKit adapter (the only file of the domain importing @sveltejs/kit):
 * the form actions shared by both invitation pages (delegates and representatives): sign up, log in
 * or accept while signed in, kept here so the two route files stay a few lines long; and
 * `pageError`, which maps a domain error to SvelteKit's error page in page loads.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '../errors';
import { readForm, failFromError, formValues } from '../http/forms';
import { setSessionCookie, clientAddress } from '../http/session-cookie';
import { acceptLogInSchema, acceptSignUpSchema } from '$lib/schemas/partners';
import { t } from '$lib/i18n/errors';
import * as delegates from './delegates';
import { acceptRepInvitation } from './organize';
import { logInAndAccept, signUpAndAccept } from './invitations';

type Kind = 'delegate' | 'representative';
const done = (kind: Kind) => (kind === 'delegate' ? '/me?invited=1' : '/partner');

function consented(kind: Kind, event: RequestEvent, raw: FormData) {
	if (kind === 'delegate' && raw.get('consent') !== 'yes')
		return fail(400, { values: formValues(raw), errors: { consent: [t('v_required', event.locals.locale)] }, message: t('form_has_errors', event.locals.locale) });
	return null;
}

export function invitationActions(kind: Kind) {
	return {
		signup: async (event: RequestEvent<{ token: string }>) => {
			const form = await readForm(event, acceptSignUpSchema, 'signup');
			if (!form.ok) return form.failure;
			const refused = consented(kind, event, form.raw);
			if (refused) return refused;
			let result;
			try {
				result = await signUpAndAccept(kind, event.params.token, form.data, { address: clientAddress(event), userAgent: event.request.headers.get('user-agent'), locale: event.locals.locale });
			} catch (e) {
				return failFromError(event, e, formValues(form.raw), 'signup');
			}
			setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
			redirect(303, done(kind));
		},
		login: async (event: RequestEvent<{ token: string }>) => {
			const form = await readForm(event, acceptLogInSchema, 'login');
			if (!form.ok) return form.failure;
			const refused = consented(kind, event, form.raw);
			if (refused) return refused;
			let result;
			try {
				result = await logInAndAccept(kind, event.params.token, form.data.password, { address: clientAddress(event), userAgent: event.request.headers.get('user-agent'), locale: event.locals.locale });
			} catch (e) {
				return failFromError(event, e, formValues(form.raw), 'login');
			}
			setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
			redirect(303, done(kind));
		},
		accept: async (event: RequestEvent<{ token: string }>) => {
			const actor = event.locals.user;
			if (!actor) redirect(303, event.url.pathname);
			const raw = await event.request.formData();
			const refused = consented(kind, event, raw);
			if (refused) return refused;
			try {
				if (kind === 'delegate') await delegates.accept(actor, event.params.token);
				else await acceptRepInvitation(actor, event.params.token);
			} catch (e) {
				return failFromError(event, e, {}, 'accept');
			}
			redirect(303, done(kind));
		}
	};
}

/** Maps the domain's not_found (and other codes) to SvelteKit page errors, for page loads. */
export function pageError(e: unknown): never {
	if (isDomainError(e)) error(e.status, { message: e.code, code: e.code });
	throw e;
}
