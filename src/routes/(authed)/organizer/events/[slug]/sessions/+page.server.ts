import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const d = await schedule.editor.draft(user, ev.id);
	return {
		event: { slug: ev.slug, name: ev.name },
		sessions: d.sessions.map((s) => schedule.editor.sessionForm(d, s)),
		rooms: Object.fromEntries(d.rooms.map((r) => [r.id, r.name])),
		conflicted: [...new Set(d.conflicts.flatMap((c) => c.codes))]
	};
};
