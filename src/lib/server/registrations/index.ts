/** Registrations: what a person sees of their own. Registering and review arrive with the registration issue. */
import { desc, eq } from 'drizzle-orm';
import { db } from '../db';
import { categories, registrations } from './tables';
import { events } from '../events/tables';
import type { Actor } from '../auth/access';

export async function listMine(actor: Actor) {
	return db
		.select({
			id: registrations.id,
			status: registrations.status,
			eventSlug: events.slug,
			eventName: events.name,
			categoryName: categories.name,
			categoryColor: categories.color,
			createdAt: registrations.createdAt
		})
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.userId, actor.id))
		.orderBy(desc(registrations.createdAt));
}
