import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError } from '$lib/server/http/forms';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import { z } from 'zod';
import { matchRespondSchema } from '$lib/schemas/matchmaking';
import type { SlotOption } from '$lib/server/matchmaking';
import { t } from '$lib/i18n/errors';

const idForm = z.object({ id: z.uuid() });
const respondForm = matchRespondSchema.extend({ id: z.uuid() });

/** Requests sent and received; in `self` mode an open one received comes with both people's free slots. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	if (!ev) return { event: null, requests: null, mode: 'organizer' as const, slots: {} as Record<string, SlotOption[]> };
	const [requests, settings] = await Promise.all([matchmaking.myRequests(actor, ev.id), matchmaking.settings(actor, ev.id)]);
	const open = requests.incoming.filter((r) => r.status === 'pending' && r.awaitingMe);
	const slots: Record<string, SlotOption[]> = settings.scheduling === 'self' ? Object.fromEntries(await Promise.all(open.map(async (r) => [r.id, await matchmaking.slotsFor(actor, r.id)] as const))) : {};
	return { event: { slug: ev.slug, name: ev.name, timeZone: ev.timeZone }, requests, mode: settings.scheduling, slots };
};

export const actions: Actions = {
	respond: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, respondForm, 'respond');
		if (!form.ok) return form.failure;
		try {
			const r = await matchmaking.respond(actor, form.data.id, form.data.answer, { slotId: form.data.slotId || undefined });
			const other = r.request.direction === 'incoming' ? r.request.from : r.request.to;
			const key = form.data.answer === 'decline' ? 'mm_declined_ok' : r.warning === 'slot_taken' ? 'mm_accepted_slot_taken' : r.meeting?.slot ? 'mm_accepted_slot' : 'mm_accepted_ok';
			return { form: 'respond', id: form.data.id, ok: t(key, event.locals.locale, { name: other.name }) };
		} catch (e) {
			return failFromError(event, e, { id: form.data.id, slotId: form.data.slotId ?? '' }, 'respond');
		}
	},
	withdraw: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, idForm, 'withdraw');
		if (!form.ok) return form.failure;
		try {
			await matchmaking.withdraw(actor, form.data.id);
		} catch (e) {
			return failFromError(event, e, { id: form.data.id }, 'withdraw');
		}
		return { form: 'withdraw', id: form.data.id, ok: t('mm_withdrawn_ok', event.locals.locale) };
	}
};
