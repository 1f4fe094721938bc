/** The star/unstar form actions, shared by the program and session pages (they work without JS). */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import * as agenda from './agenda';
import { failFromError } from '../http/forms';

const input = z.object({ sessionId: z.uuid() });

async function run(event: RequestEvent, on: boolean) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const form = await event.request.formData();
	const parsed = input.safeParse({ sessionId: form.get('sessionId') });
	if (!parsed.success) return fail(400, { message: 'invalid_input', values: {}, errors: {} });
	try {
		if (on) await agenda.star(event.locals.user, parsed.data.sessionId);
		else await agenda.unstar(event.locals.user, parsed.data.sessionId);
	} catch (e) {
		return failFromError(event, e);
	}
	// Without JavaScript the browser posted a plain form: send it back to the list it came from (day,
	// filters and zone kept, the action gone from the URL). use:enhance asks for the result instead.
	if (event.request.headers.get('x-sveltekit-action') !== 'true') {
		const back = new URL(event.url);
		for (const k of [...back.searchParams.keys()]) if (k.startsWith('/')) back.searchParams.delete(k);
		redirect(303, back.pathname + back.search);
	}
	return { starred: on, sessionId: parsed.data.sessionId };
}

export const starActions = {
	star: (event: RequestEvent) => run(event, true),
	unstar: (event: RequestEvent) => run(event, false)
};
