import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const version = Number(event.params.version);
	if (!Number.isInteger(version) || version < 1) error(404, { message: 'not_found', code: 'not_found' });
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const rel = await orHttp(schedule.editor.releaseByVersion(user, ev.id, version));
	return {
		event: { slug: ev.slug, name: ev.name },
		release: { version: rel.version, name: rel.name, note: rel.note, createdAt: rel.createdAt, changes: rel.changes },
		sessions: schedule.view.resolve(rel.snapshot, event.locals.locale)
	};
};
