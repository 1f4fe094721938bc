import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as matchmaking from '$lib/server/matchmaking';
import { matchDirectorySchema } from '$lib/schemas/matchmaking';
import { api, actorOf, parse } from '$lib/server/http/api';

/** Listed profiles of the edition, searched (names in both scripts, pinyin, organization) and filtered; never contact details. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const query = parse(event, matchDirectorySchema, Object.fromEntries(event.url.searchParams));
		const e = await matchmaking.eventBySlug(actor, event.params.slug);
		return json(await matchmaking.directory(actor, e.id, query));
	});
