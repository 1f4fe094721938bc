import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import { z } from 'zod';
import { matchHeldSchema, matchReportSchema, matchRateSchema, matchOutcomeSchema, matchUnavailableSchema } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';

const meetingId = { meetingId: z.uuid() };
const heldForm = matchHeldSchema.extend(meetingId);
const reportForm = matchReportSchema.extend(meetingId);
const rateForm = matchRateSchema.extend(meetingId);
const outcomeForm = matchOutcomeSchema.extend(meetingId);

/** The attendee's meetings: when, where, with whom; the badge scan that marks one held; rating and outcome after. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	if (!ev) return { event: null, meetings: [], unavailability: [] };
	const [meetings, slots] = await Promise.all([matchmaking.myMeetings(actor, ev.id), matchmaking.editionSlots(actor, ev.id)]);
	const unavailability = slots.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, roomName: s.roomName, unavailable: s.unavailable }));
	return { event: { slug: ev.slug, name: ev.name, timeZone: ev.timeZone }, meetings, unavailability, now: Date.now() };
};

/** One pattern for every form: guard, parse, one verb, a sentence for the result. */
function action<S extends z.ZodType>(name: string, schema: S, run: (actor: App.Locals['user'] & object, data: z.infer<S>) => Promise<unknown>, ok: (data: z.infer<S>, result: unknown) => string) {
	return async (event: RequestEvent) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, schema, name);
		if (!form.ok) return form.failure;
		try {
			const result = await run(actor, form.data);
			return { form: name, id: (form.data as { meetingId?: string }).meetingId ?? null, ok: t(ok(form.data, result), event.locals.locale) };
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), name);
		}
	};
}

export const actions: Actions = {
	held: action('held', heldForm, (a, d) => matchmaking.held(a, d.meetingId, d.code), (_d, r) => ((r as { result: string }).result === 'already_held' ? 'mm_held_already' : 'mm_held_ok')),
	report: action('report', reportForm, (a, d) => matchmaking.report(a, d.meetingId, d.what), () => 'mm_report_ok'),
	rate: action('rate', rateForm, (a, d) => matchmaking.rate(a, d.meetingId, { stars: d.stars, followUp: d.followUp }), () => 'mm_rate_ok'),
	outcome: action('outcome', outcomeForm, (a, d) => matchmaking.answerOutcome(a, d.meetingId, d.outcome), () => 'mm_outcome_ok'),
	unavailable: action(
		'unavailable',
		matchUnavailableSchema,
		async (a, d) => {
			const ev = await events.featured();
			if (!ev) throw new Error('no featured event');
			return matchmaking.markUnavailable(a, ev.id, d.slotIds);
		},
		() => 'mm_unavailable_ok'
	)
};
