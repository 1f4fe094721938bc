import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePageUser } from '$lib/server/http/guard';
import * as auth from '$lib/server/auth';
import * as apiTokens from '$lib/server/auth/api-tokens';
import { listUserSessions, invalidateUserSessions } from '$lib/server/auth/sessions';
import { changePasswordSchema, createTokenSchema, profileSchema, twoFactorCodeSchema, SCOPES_FOR_ROLE } from '$lib/schemas/auth';
import * as twoFactor from '$lib/server/auth/two-factor';
import QRCode from 'qrcode';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { setSessionCookie, clearSessionCookie } from '$lib/server/http/session-cookie';
import { t } from '$lib/i18n/errors';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime.js';
import { z } from 'zod';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageUser(event);
	const [user, sessions, tokens, tfa] = await Promise.all([auth.getUser(actor, actor.id), listUserSessions(actor.id), apiTokens.list(actor), twoFactor.status(actor)]);
	return {
		tfa,
		setup2fa: event.url.searchParams.has('setup2fa'),
		profile: { name: user.name, nameZh: user.nameZh ?? '', organization: user.organization ?? '', locale: user.locale, email: user.email },
		sessionCount: sessions.length,
		tokens,
		scopes: SCOPES_FOR_ROLE[actor.role]
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const actor = requirePageUser(event);
		const form = await readForm(event, profileSchema, 'profile');
		if (!form.ok) return form.failure;
		await auth.updateProfile(actor, form.data);
		event.cookies.set(cookieName, form.data.locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		return { form: 'profile', ok: t('account_saved', form.data.locale) };
	},
	password: async (event) => {
		const actor = requirePageUser(event);
		const form = await readForm(event, changePasswordSchema, 'password');
		if (!form.ok) return form.failure;
		try {
			const { token, session } = await auth.changePassword(actor, form.data);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'password');
		}
		return { form: 'password', ok: t('account_password_changed', event.locals.locale) };
	},
	logoutAll: async (event) => {
		const actor = requirePageUser(event);
		await invalidateUserSessions(actor.id);
		clearSessionCookie(event.cookies);
		redirect(303, '/login?loggedOut=1');
	},
	createToken: async (event) => {
		const actor = requirePageUser(event);
		// The ticked scopes, to tick them again if the form comes back with an error.
		const chosen = (await event.request.clone().formData()).getAll('scopes').filter((v) => typeof v === 'string');
		const form = await readForm(event, createTokenSchema, 'token');
		if (!form.ok) {
			form.failure.data.values.scopes = chosen.join(' ');
			return form.failure;
		}
		try {
			const { token } = await apiTokens.create(actor, form.data);
			return { form: 'token', token };
		} catch (e) {
			return failFromError(event, e, { ...formValues(form.raw), scopes: chosen.join(' ') }, 'token');
		}
	},
	tfaBegin: async (event) => {
		const actor = requirePageUser(event);
		const { uri, secret } = await twoFactor.beginEnrolment(actor);
		return { form: 'tfa', enrolling: true, secret, qr: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
	},
	tfaConfirm: async (event) => {
		const actor = requirePageUser(event);
		const form = await readForm(event, twoFactorCodeSchema, 'tfa');
		if (!form.ok) return form.failure;
		try {
			return { form: 'tfa', recoveryCodes: await twoFactor.confirmEnrolment(actor, form.data.code) };
		} catch (e) {
			return failFromError(event, e, {}, 'tfa');
		}
	},
	tfaDisable: async (event) => {
		const actor = requirePageUser(event);
		const form = await readForm(event, z.object({ password: z.string().min(1, { error: 'v_required' }).max(1024) }), 'tfa');
		if (!form.ok) return form.failure;
		try {
			await twoFactor.disable(actor, form.data.password);
		} catch (e) {
			return failFromError(event, e, {}, 'tfa');
		}
		return { form: 'tfa', ok: t('tfa_disabled_done', event.locals.locale) };
	},
	revokeToken: async (event) => {
		const actor = requirePageUser(event);
		const form = await readForm(event, z.object({ id: z.uuid() }), 'token');
		if (!form.ok) return form.failure;
		try {
			await apiTokens.revoke(actor, form.data.id);
		} catch (e) {
			return failFromError(event, e, {}, 'token');
		}
		return { form: 'token' };
	}
};
