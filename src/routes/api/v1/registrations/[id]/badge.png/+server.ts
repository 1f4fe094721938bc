import type { RequestHandler } from './$types';
import { api, actorOf } from '$lib/server/http/api';
import { badgeCode, qrPng } from '$lib/server/registrations/badge-image';

export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const png = await qrPng(await badgeCode(actorOf(event), event.params.id));
		return new Response(new Uint8Array(png), {
			headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="badge.png"', 'cache-control': 'private, no-store' }
		});
	});
