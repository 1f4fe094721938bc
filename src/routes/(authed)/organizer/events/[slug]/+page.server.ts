import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { failFromError, readForm } from '$lib/server/http/forms';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';
import { storePhoto } from '$lib/server/schedule/uploads';
import { eventInput, roomInput, speakerInput, trackInput, venueInput } from '$lib/schemas/schedule';
import type { z } from 'zod';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const d = await schedule.editor.draft(user, ev.id);
	return { event: ev, venues: d.venues, rooms: d.rooms, tracks: d.tracks, speakers: d.speakers, conflicts: d.conflicts.length };
};

/** One pattern for every section: guard, parse with the shared schema, one verb, map the error. */
function action<S extends z.ZodType>(name: string, schema: S, run: (user: App.Locals['user'] & object, eventId: string, data: z.infer<S>, raw: FormData) => Promise<unknown>) {
	return async (event: RequestEvent) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const form = await readForm(event, schema, name);
		if (!form.ok) return form.failure;
		try {
			await run(user, ev.id, form.data, form.raw);
		} catch (e) {
			const values = Object.fromEntries([...form.raw.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
			return failFromError(event, e, values, name);
		}
		return { saved: name, form: name };
	};
}

export const actions: Actions = {
	event: action('event', eventInput, (u, id, d) => schedule.editor.updateEvent(u, id, d)),
	venue: action('venue', venueInput, (u, id, d) => schedule.editor.saveVenue(u, id, d)),
	room: action('room', roomInput, (u, id, d) => schedule.editor.saveRoom(u, id, d)),
	track: action('track', trackInput, (u, id, d) => schedule.editor.saveTrack(u, id, d)),
	speaker: action('speaker', speakerInput, async (u, id, d, raw) => {
		const file = raw.get('photo');
		const photo = file instanceof File && file.size > 0 ? await storePhoto(file) : undefined;
		return schedule.editor.saveSpeaker(u, id, d, photo);
	})
};
