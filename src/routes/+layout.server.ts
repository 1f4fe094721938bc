import type { LayoutServerLoad } from './$types';
import * as events from '$lib/server/events';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
	// Pages shared by everyone of a role carry a stand-in viewer; they ask for the real one by this.
	depends('hw:viewer');
	const featured = await events.featured();
	const u = locals.user;
	return {
		locale: locals.locale,
		user: u ? { id: u.id, name: u.name, email: u.email, role: u.role } : null,
		featured: featured ? { slug: featured.slug, name: featured.name } : null
	};
};
