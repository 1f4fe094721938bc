import type { RequestHandler } from './$types';
import * as visa from '$lib/server/visa';
import { pdfResponse } from '$lib/server/visa/kit';
import { api, actorOf } from '$lib/server/http/api';

/** The current letter as a PDF: the person, their partner's representative, organizers. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const { bytes, number } = await visa.pdf(actorOf(event), event.params.id);
		return pdfResponse(bytes, number);
	});
