import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, actorOf } from '$lib/server/http/api';

/** Who the token belongs to. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const u = actorOf(event);
		return json({ id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, locale: u.locale });
	});
