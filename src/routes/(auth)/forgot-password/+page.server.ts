import type { Actions } from './$types';
import * as auth from '$lib/server/auth';
import { resetRequestSchema } from '$lib/schemas/auth';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import { clientAddress } from '$lib/server/http/session-cookie';

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event, resetRequestSchema);
		if (!form.ok) return form.failure;
		try {
			await auth.requestPasswordReset(form.data.email, { address: clientAddress(event) });
		} catch (e) {
			return failFromError(event, e, formValues(form.raw));
		}
		return { sent: true };
	}
};
