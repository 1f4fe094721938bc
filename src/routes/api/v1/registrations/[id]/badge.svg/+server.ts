import type { RequestHandler } from './$types';
import { api, actorOf } from '$lib/server/http/api';
import { badgeCode, qrSvg } from '$lib/server/registrations/badge-image';

export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const svg = await qrSvg(await badgeCode(actorOf(event), event.params.id));
		return new Response(svg, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, no-store' } });
	});
