import type { RequestHandler } from './$types';
import { api, actorOf } from '$lib/server/http/api';
import { badgePdf } from '$lib/server/registrations/badge-pdf';

/** The printable badge (90 × 130 mm), for its owner or an organizer. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const pdf = await badgePdf(actorOf(event), event.params.id, event.locals.locale);
		return new Response(new Uint8Array(pdf), {
			headers: { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="badge.pdf"', 'cache-control': 'private, no-store' }
		});
	});
