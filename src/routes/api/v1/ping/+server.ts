import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** A no-op endpoint: what the framework alone costs (benchmark baseline, client connectivity checks). */
export const GET: RequestHandler = () => json({ pong: true });
