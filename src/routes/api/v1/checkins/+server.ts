import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { scannerOf } from '$lib/server/checkin/kit';
import { api, readJson } from '$lib/server/http/api';
import { checkinRequestSchema } from '$lib/schemas/checkin';

/** One scan (CONTRACTS.md): a device token or a staff account; the same scanId always gets the same answer. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const scanner = await scannerOf(event);
		return json(await checkin.checkIn(scanner, await readJson(event, checkinRequestSchema)));
	});
