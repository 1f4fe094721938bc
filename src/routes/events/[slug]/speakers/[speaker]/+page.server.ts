import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as schedule from '$lib/server/schedule';
import { cachePage, orHttp } from '$lib/server/schedule/kit';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const { event: ev, release } = await orHttp(schedule.program(locals.user, params.slug));
	const p = release.snapshot.speakers.find((x) => x.slug === params.speaker);
	if (!p) error(404, { message: 'not_found', code: 'not_found' });
	cachePage(event, release.releaseId);
	const sessions = schedule.view.resolve(release.snapshot, locals.locale).filter((s) => s.speakers.some((x) => x.slug === p.slug));
	return { event: { slug: ev.slug, name: ev.name }, speaker: p, sessions };
};
