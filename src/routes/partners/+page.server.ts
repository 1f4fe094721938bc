import type { PageServerLoad } from './$types';
import * as events from '$lib/server/events';
import * as partners from '$lib/server/partners';
import { countryOptions } from '$lib/server/registrations/countries';

/** Rendered on the server only: the map is plain SVG and the page needs no client JS. */
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const event = await events.featured();
	if (!event) return { event: null };
	const page = await partners.publicPage(event.id, locals.locale);
	const codes = new Set(page.partners.map((p) => p.country));
	const countryNames = Object.fromEntries(countryOptions(locals.locale).filter((c) => codes.has(c.value)).map((c) => [c.value, c.label]));
	return { event: { slug: event.slug, name: event.name, timeZone: event.timeZone }, ...page, countryNames };
};
