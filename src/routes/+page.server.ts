import type { PageServerLoad } from './$types';
import * as events from '$lib/server/events';
import * as schedule from '$lib/server/schedule';
import * as partners from '$lib/server/partners';

export const load: PageServerLoad = async () => {
	const event = await events.featured();
	if (!event) return { event: null };
	const [program, directory] = await Promise.all([schedule.published(event.id), partners.directory(null, event.id)]);
	const snapshot = program?.snapshot;
	return {
		event: events.toApi(event),
		description: event.description,
		days: events.days(event),
		perDay: snapshot ? schedule.countByDay(snapshot) : {},
		tracks: snapshot?.tracks ?? [],
		venues: snapshot?.venues.length ?? 0,
		partners: directory.map((p) => ({ slug: p.slug, name: p.name, city: p.city })),
		sessions: snapshot ? snapshot.sessions.filter((s) => s.kind !== 'break' && s.status !== 'cancelled').length : 0
	};
};
