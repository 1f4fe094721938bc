import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as schedule from '$lib/server/schedule';
import { cachePage, orHttp, starActions } from '$lib/server/schedule/kit';
import * as seats from '$lib/server/registrations/seats';
import { isSharedRender } from '$lib/server/http/shared-render';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const { event: ev, release } = await orHttp(schedule.program(locals.user, params.slug));
	const tz = schedule.view.viewerZone(url.searchParams.get('tz'));
	const s = schedule.view.resolve(release.snapshot, locals.locale, tz).find((x) => x.code === params.code);
	if (!s) error(404, { message: 'not_found', code: 'not_found' });
	const local = tz ? schedule.view.resolve(release.snapshot, locals.locale).find((x) => x.id === s.id)! : s;
	// The page shared by everyone of a role (sessions without booking) has no star: the viewer's is
	// laid over it (`page-cache.ts`).
	const shared = isSharedRender(locals) && !s.requiresBooking;
	const [starredIds, seat] = await Promise.all([
		shared ? new Set<string>() : schedule.agenda.starredIdsCached(locals.user, ev.id),
		s.requiresBooking ? seats.stateFor(locals.user, params.slug, params.code) : null
	]);
	const starred = starredIds.has(s.id);
	// Seats change between releases: they are part of the page's ETag. Pitches are part of the release.
	cachePage(event, release.releaseId, String(starred), seat?.remaining, seat ? `${seat.booked}/${seat.waitlisted}` : null);
	const raw = release.snapshot.speakers;
	return {
		event: { slug: ev.slug, name: ev.name },
		s,
		local,
		tz,
		mapUrl: schedule.view.mapLink(s.venue),
		bios: Object.fromEntries(raw.map((p) => [p.slug, { title: p.title, photo: !!p.photo }])),
		starred,
		seat: seat && { remaining: seat.remaining, booked: seat.booked, waitlisted: seat.waitlisted },
		signedIn: !!locals.user
	};
};

export const actions: Actions = starActions;
