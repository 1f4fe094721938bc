import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as events from '$lib/server/events';
import { api } from '$lib/server/http/api';

export const GET: RequestHandler = (event) =>
	api(event, async () => json({ events: (await events.listPublished()).map(events.toApi) }));
