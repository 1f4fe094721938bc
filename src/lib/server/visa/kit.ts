/** The visa domain's only SvelteKit adapter: page errors, file responses and uploaded images. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '../errors';
import { errorMessage } from '$lib/i18n/errors';

/** A domain error in a page load as a SvelteKit error page with a localized message. */
export function pageError(event: Pick<RequestEvent, 'locals'>, e: unknown): never {
	if (isDomainError(e)) error(e.status, { message: errorMessage(e.code, event.locals.locale), code: e.code });
	throw e;
}

export function pdfResponse(bytes: Uint8Array, number: string): Response {
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="invitation-${number}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
}

export function csvResponse(body: string, name: string): Response {
	return new Response(body, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' }
	});
}

/** The bytes of an uploaded file field (empty when none was chosen). */
export async function fileBytes(data: FormData, field: string): Promise<Uint8Array> {
	const f = data.get(field);
	return f instanceof File ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array();
}

/** A JSON body that may be absent (decisions without a note). */
export async function optionalJson(event: RequestEvent): Promise<unknown> {
	const text = await event.request.text();
	if (!text.trim()) return {};
	try {
		return JSON.parse(text);
	} catch {
		return { _malformed: true };
	}
}
