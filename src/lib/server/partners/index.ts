/** Partner organisations: the public directory. The portal's verbs arrive with the partners issue. */
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { partnerEditions, partners } from './tables';

export type Partner = typeof partners.$inferSelect;

/** Active partners taking part in an edition. */
export async function directory(eventId: string) {
	return db
		.select({
			slug: partners.slug,
			name: partners.name,
			kind: partners.kind,
			city: partners.city,
			country: partners.country,
			timeZone: partners.timeZone,
			fields: partners.fields,
			website: partners.website,
			plaqueYear: partners.plaqueYear,
			latitude: partners.latitude,
			longitude: partners.longitude
		})
		.from(partners)
		.innerJoin(partnerEditions, eq(partnerEditions.partnerId, partners.id))
		.where(and(eq(partnerEditions.eventId, eventId), eq(partners.status, 'active')))
		.orderBy(asc(partners.slug));
}

export async function listAll() {
	return db.select({ id: partners.id, slug: partners.slug, name: partners.name }).from(partners).orderBy(asc(partners.slug));
}

export async function byId(id: string) {
	const [p] = await db.select().from(partners).where(eq(partners.id, id)).limit(1);
	return p ?? null;
}
