import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as schedule from '$lib/server/schedule';
import { readPhoto } from '$lib/server/schedule/uploads';

export const GET: RequestHandler = async ({ params }) => {
	const name = await schedule.editor.speakerPhoto(params.slug, params.speaker);
	const photo = name ? await readPhoto(name) : null;
	if (!photo) error(404, { message: 'not_found', code: 'not_found' });
	return new Response(photo.bytes as unknown as BodyInit, { headers: { 'content-type': photo.type, 'cache-control': 'public, max-age=3600', 'content-security-policy': "default-src 'none'" } });
};
