import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { scannerOf } from '$lib/server/checkin/kit';
import { api, parse } from '$lib/server/http/api';
import { z } from 'zod';

export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const scanner = await scannerOf(event);
		const id = parse(event, z.uuid(), event.params.id);
		return json(await checkin.counters(scanner, id), { headers: { 'cache-control': 'no-store' } });
	});
