import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { scannerOf } from '$lib/server/checkin/kit';
import { api } from '$lib/server/http/api';
import { DomainError } from '$lib/server/errors';

/** What a scanner keeps for offline work; `?since=` (the previous `serverTime`) makes it incremental. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const scanner = await scannerOf(event);
		const since = event.url.searchParams.get('since');
		if (since && Number.isNaN(Date.parse(since))) throw new DomainError('invalid_input', { fields: { since: ['v_invalid'] } });
		const ev = await checkin.eventBySlug(scanner, event.params.slug);
		return json(await checkin.scannerSync(scanner, ev.id, since ? new Date(since) : null), { headers: { 'cache-control': 'no-store' } });
	});
