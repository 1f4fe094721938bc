import type { PageServerLoad } from './$types';
import * as events from '$lib/server/events';

/** The privacy notice; the version shown is the featured week's, the one its registrations consent to. */
export const load: PageServerLoad = async () => {
	const event = await events.featured();
	return { version: event?.privacyVersion ?? null };
};
