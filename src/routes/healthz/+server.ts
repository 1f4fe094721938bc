import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as health from '$lib/server/health';

export const GET: RequestHandler = async () => {
	const result = await health.check();
	if (result.ok) return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
	return json({ status: 'unavailable', reason: result.reason }, { status: 503, headers: { 'cache-control': 'no-store' } });
};
