import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, actorOf } from '$lib/server/http/api';
import * as auth from '$lib/server/auth';

/** "Download my data": everything stored about the signed-in person. */
export const GET: RequestHandler = (event) =>
	api(event, async () =>
		json(await auth.exportMyData(actorOf(event)), {
			headers: { 'content-disposition': 'attachment; filename="my-data.json"', 'cache-control': 'private, no-store' }
		})
	);
