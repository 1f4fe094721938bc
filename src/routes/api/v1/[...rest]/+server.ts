import type { RequestHandler } from './$types';
import { apiError } from '$lib/server/http/api';

/** Unknown API paths answer in the API's error shape, not with an HTML page. */
export const fallback: RequestHandler = (event) => apiError(event, 404, 'not_found');
