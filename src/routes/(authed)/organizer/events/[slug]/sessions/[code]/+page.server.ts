import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { failFromError, readForm } from '$lib/server/http/forms';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';
import { sessionInput } from '$lib/schemas/schedule';
import { pick } from '$lib/i18n/text';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const d = await schedule.editor.draft(user, ev.id);
	const isNew = event.params.code === 'new';
	const s = isNew ? null : d.sessions.find((x) => x.code === event.params.code);
	if (!isNew && !s) error(404, { message: 'not_found', code: 'not_found' });
	const l = event.locals.locale;
	return {
		event: { slug: ev.slug, name: ev.name },
		session: s ? schedule.editor.sessionForm(d, s) : null,
		conflicts: s ? d.conflicts.filter((c) => c.sessionIds.includes(s.id)) : [],
		rooms: d.rooms.map((r) => ({ value: r.id, label: `${pick(r.name, l)} (${pick(d.venues.find((v) => v.id === r.venueId)?.name, l)}${r.capacity ? `, ${r.capacity}` : ''})` })),
		tracks: d.tracks.map((t) => ({ value: t.id, label: pick(t.name, l) })),
		speakers: d.speakers.map((p) => ({ value: p.id, label: pick(p.name, l) }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const form = await readForm(event, sessionInput);
		if (!form.ok) return form.failure;
		try {
			await schedule.editor.saveSession(user, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, Object.fromEntries([...form.raw.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>);
		}
		redirect(303, `/organizer/events/${ev.slug}/sessions/${form.data.code.toUpperCase()}?saved=1`);
	},
	delete: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const data = await event.request.formData();
		try {
			await schedule.editor.deleteSession(user, ev.id, String(data.get('id')));
		} catch (e) {
			return failFromError(event, e);
		}
		redirect(303, `/organizer/events/${ev.slug}/sessions`);
	}
};
