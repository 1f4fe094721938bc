import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { actorOf, api, apiError, readJson } from '$lib/server/http/api';
import { moveInput } from '$lib/schemas/schedule';

/**
 * The drag-and-drop endpoint of the timetable editor. It accepts the session cookie, so it checks
 * Origin itself (the app's hook does that for /api/ only); it answers with the new grid.
 */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		if (event.request.headers.get('origin') !== event.url.origin) return apiError(event, 403, 'forbidden', { details: { reason: 'cross-origin request' } });
		const user = actorOf(event);
		const ev = await schedule.editor.eventBySlug(user, event.params.slug);
		await schedule.editor.moveSession(user, ev.id, await readJson(event, moveInput));
		const grid = await schedule.editor.grid(user, ev.id, event.locals.locale);
		return json({ sessions: grid.sessions, conflicts: grid.conflicts });
	});
