import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { z } from 'zod';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as matchmaking from '$lib/server/matchmaking';
import { orHttp } from '$lib/server/schedule/kit';
import { matchPlaceSchema } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';

const meetingForm = z.object({ meetingId: z.uuid() });
/** The board's place form sends one "slotId:tableId" choice. */
const placeForm = z.preprocess((o) => {
	const v = o as Record<string, unknown>;
	const [slotId, tableId] = String(v.cell ?? '').split(':');
	return { ...v, slotId: slotId ?? '', tableId: tableId ?? '' };
}, matchPlaceSchema.extend(meetingForm.shape));
const lockForm = meetingForm.extend({ locked: z.enum(['true', 'false']) });

/** The meetings board: slot × table per session, the unscheduled list, the last scheduler runs. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const ev = await orHttp(matchmaking.eventBySlug(actor, event.params.slug));
	const [settings, sessions, meetings, runs] = await Promise.all([matchmaking.settings(actor, ev.id), matchmaking.sessions(actor, ev.id), matchmaking.meetings(actor, ev.id), matchmaking.runs(actor, ev.id)]);
	const slim = meetings
		.filter((x) => x.status !== 'cancelled')
		.map((x) => ({ id: x.id, status: x.status, a: { name: x.a.name, nameZh: x.a.nameZh }, b: { name: x.b.name, nameZh: x.b.nameZh }, slotId: x.slot?.id ?? null, tableId: x.table?.id ?? null, locked: x.locked, remote: x.remote, startsAt: x.startsAt }));
	return { event: ev, settings, sessions: sessions.filter((s) => s.configured), meetings: slim, runs: runs.slice(0, 5) };
};

function action<S extends z.ZodType>(name: string, schema: S, run: (actor: App.Locals['user'] & object, eventId: string, data: z.infer<S>) => Promise<string | { key: string; params?: Record<string, unknown> }>) {
	return async (event: RequestEvent) => {
		const actor = requirePageArea(event, 'organizer');
		const ev = await orHttp(matchmaking.eventBySlug(actor, event.params.slug));
		const form = await readForm(event, schema, name);
		if (!form.ok) return form.failure;
		try {
			const r = await run(actor, ev.id, form.data);
			const { key, params } = typeof r === 'string' ? { key: r, params: {} } : r;
			return { form: name, ok: t(key, event.locals.locale, params) };
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), name);
		}
	};
}

export const actions: Actions = {
	schedule: action('schedule', z.object({}), async (a, id) => {
		const r = await matchmaking.scheduleAll(a, id);
		return { key: 'mm_board_scheduled', params: { placed: r.placed, bound: r.bound, unplaced: r.unplaced } };
	}),
	publish: action('publish', z.object({}), async (a, id) => {
		const r = await matchmaking.publishSchedule(a, id);
		return { key: 'mm_board_published', params: { count: r.mails } };
	}),
	place: action('place', placeForm, async (a, _id, d) => {
		const r = await matchmaking.placeMeeting(a, d.meetingId, d.slotId, d.tableId, { force: d.force });
		return r.warning === 'slot_taken' ? 'mm_board_place_taken' : r.warning === 'person_busy' ? 'mm_board_place_busy' : 'mm_board_placed';
	}),
	unplace: action('unplace', meetingForm, async (a, _id, d) => {
		await matchmaking.unplaceMeeting(a, d.meetingId);
		return 'mm_board_unplaced';
	}),
	lock: action('lock', lockForm, async (a, _id, d) => {
		await matchmaking.lockMeeting(a, d.meetingId, d.locked === 'true');
		return d.locked === 'true' ? 'mm_board_locked' : 'mm_board_unlocked';
	})
};
