import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { mayEnter } from '$lib/server/auth/access';
import * as checkin from '$lib/server/checkin';

/** Server-Sent Events: the dashboard's figures again whenever scans arrive (debounced), plus a heartbeat. */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.user;
	if (!actor || !mayEnter(actor, 'organizer')) error(403, { message: 'forbidden', code: 'forbidden' });
	const ev = await checkin.eventBySlug(actor, event.params.slug);
	let cleanup = async () => {};
	const stream = new ReadableStream<string>({
		async start(controller) {
			const send = async () => {
				try {
					controller.enqueue(`event: live\ndata: ${JSON.stringify(await checkin.live(actor, ev.id))}\n\n`);
				} catch {
					/* the client went away */
				}
			};
			const unsubscribe = await checkin.subscribe(ev.id, () => void send());
			const beat = setInterval(() => controller.enqueue(': keep-alive\n\n'), 25_000);
			cleanup = async () => {
				clearInterval(beat);
				await unsubscribe();
			};
			controller.enqueue('retry: 3000\n\n');
		},
		async cancel() {
			await cleanup();
		}
	});
	return new Response(stream.pipeThrough(new TextEncoderStream()), {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }
	});
};
