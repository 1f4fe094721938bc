import type { Actions, PageServerLoad } from './$types';
import * as schedule from '$lib/server/schedule';
import { cachePage, orHttp, starActions } from '$lib/server/schedule/kit';
import { localDate } from '$lib/time';
import { isSharedRender } from '$lib/server/http/shared-render';

export const load: PageServerLoad = async (event) => {
	const { url, locals, params } = event;
	const { event: ev, release } = await orHttp(schedule.program(locals.user, params.slug));
	const q = url.searchParams;
	const tz = schedule.view.viewerZone(q.get('tz'));
	const all = schedule.view.resolve(release.snapshot, locals.locale, tz);
	const days = [...new Set([...schedule.eventDays(ev), ...all.map((s) => s.date)])].sort();
	const today = localDate(new Date(), ev.timeZone);
	const search = q.get('q')?.slice(0, 100) ?? '';
	const day = q.get('day') ?? (search ? 'all' : days.includes(today) ? today : days[0]);
	const filters = { day, track: q.get('track'), venue: q.get('venue'), kind: q.get('kind'), q: search };
	const sessions = schedule.view.filterSessions(release.snapshot, all, filters);
	const nn = schedule.view.nowAndNext(all, new Date());
	// The page shared by everyone of a role has no stars: each viewer's are laid over it (`page-cache.ts`).
	const starred = isSharedRender(locals) ? [] : [...(await schedule.agenda.starredIdsCached(locals.user, ev.id))].sort();
	cachePage(event, release.releaseId, starred.join(','), [...nn.now, ...nn.next].map((s) => s.code).join(','));
	return {
		event: { slug: ev.slug, name: ev.name, city: ev.city, startDate: ev.startDate, endDate: ev.endDate, timeZone: ev.timeZone },
		release: { version: release.version, createdAt: release.createdAt.toISOString() },
		days: days.map((d) => ({ date: d, count: all.filter((s) => s.date === d && s.kind !== 'break').length })),
		filters,
		tz,
		tracks: release.snapshot.tracks.map((t) => ({ slug: t.slug, name: t.name, color: t.color })),
		venues: release.snapshot.venues.map((v) => ({ id: v.id, name: v.name })),
		kinds: [...new Set(release.snapshot.sessions.map((s) => s.kind))],
		sessions,
		now: nn.now,
		next: nn.next,
		starred,
		signedIn: !!locals.user
	};
};

export const actions: Actions = starActions;
