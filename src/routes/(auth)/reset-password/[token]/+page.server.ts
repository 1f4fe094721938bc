import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/auth';
import { newPassword } from '$lib/schemas/auth';
import { z } from 'zod';
import { readForm, failFromError } from '$lib/server/http/forms';

export const load: PageServerLoad = async ({ params }) => ({ valid: await auth.checkResetToken(params.token) });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event, z.object({ password: newPassword }));
		if (!form.ok) return form.failure;
		try {
			await auth.resetPassword(event.params.token, form.data.password);
		} catch (e) {
			return failFromError(event, e);
		}
		redirect(303, '/login?reset=1');
	}
};
