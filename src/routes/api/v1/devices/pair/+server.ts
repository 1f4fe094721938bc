import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as checkin from '$lib/server/checkin';
import { api, readJson } from '$lib/server/http/api';
import { pairSchema } from '$lib/schemas/checkin';

/** Redeems a one-time pairing code (from the organizer's QR) for a device token, shown once. */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const { code } = await readJson(event, pairSchema);
		const { token, device } = await checkin.pair(code);
		return json({ token, deviceId: device.id, name: device.name, eventSlug: device.eventSlug, checkpointIds: device.checkpointIds }, { status: 201 });
	});
