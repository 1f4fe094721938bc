import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/registrations/kit';
import { requirePageUser, safeNext } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import * as seats from '$lib/server/registrations/seats';

/** The booking state of one session; the session page embeds the same form (BookSeat.svelte). */
export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	return pageLoad(async () => {
		const s = await seats.stateFor(user, event.params.slug, event.params.code);
		return {
			session: { code: s.session.code, title: s.session.title, startsAt: s.session.startsAt?.toISOString() ?? null },
			eventSlug: event.params.slug,
			remaining: s.remaining,
			booked: s.booked,
			waitlisted: s.waitlisted,
			requiresBooking: s.requiresBooking
		};
	});
};

const schema = z.object({ intent: z.enum(['book', 'cancel']), next: z.string().max(300).optional() });

export const actions: Actions = {
	default: async (event) => {
		const user = requirePageUser(event);
		const form = await readForm(event, schema);
		if (!form.ok) return form.failure;
		const here = `/events/${event.params.slug}/sessions/${event.params.code}/book`;
		try {
			if (form.data.intent === 'book') await seats.book(user, event.params.slug, event.params.code);
			else await seats.cancel(user, event.params.slug, event.params.code);
		} catch (e) {
			return failFromError(event, e, {});
		}
		redirect(303, safeNext(form.data.next, here));
	}
};
