import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { failFromError, readForm } from '$lib/server/http/forms';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';
import { moveInput, nudgeInput } from '$lib/schemas/schedule';
import { z } from 'zod';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const grid = await schedule.editor.grid(user, ev.id, event.locals.locale);
	const days = schedule.eventDays(ev);
	const day = event.url.searchParams.get('day');
	return { ...grid, days, day: day && days.includes(day) ? day : days[0] };
};

/** The same moves as drag and drop, as plain forms: usable with a keyboard and without JS. */
export const actions: Actions = {
	move: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const form = await readForm(event, moveInput, 'move');
		if (!form.ok) return form.failure;
		try {
			await schedule.editor.moveSession(user, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, {}, 'move');
		}
		return { moved: form.data.sessionId };
	},
	nudge: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const form = await readForm(event, nudgeInput, 'nudge');
		if (!form.ok) return form.failure;
		try {
			await schedule.editor.nudge(user, ev.id, form.data.sessionId, form.data.nudge);
		} catch (e) {
			return failFromError(event, e, {}, 'nudge');
		}
		return { moved: form.data.sessionId };
	},
	copyBreak: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const form = await readForm(event, z.object({ sessionId: z.uuid() }), 'copyBreak');
		if (!form.ok) return form.failure;
		try {
			return { copied: await schedule.editor.copyBreakToAllRooms(user, ev.id, form.data.sessionId) };
		} catch (e) {
			return failFromError(event, e, {}, 'copyBreak');
		}
	}
};
