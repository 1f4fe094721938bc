import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { document } from '$lib/server/openapi';

export const GET: RequestHandler = ({ url }) => json(document(url.origin), { headers: { 'cache-control': 'public, max-age=300' } });
