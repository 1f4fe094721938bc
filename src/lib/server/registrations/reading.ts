/** Reading registrations: one with its person, category, partner and badge; the actor's own. */
import { and, desc, eq } from 'drizzle-orm';
import { db } from '../db';
import { categories, registrations } from './tables';
import { events } from '../events/tables';
import { partners } from '../partners/tables';
import { users } from '../auth/tables';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';

/** The registration if the actor may see it (owner or organizer); others get not_found, never a hint. */
export async function visible(actor: Actor, id: string) {
	requireUser(actor);
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found');
	const [r] = await db.select().from(registrations).where(eq(registrations.id, id)).limit(1);
	if (!r || (r.userId !== actor.id && !isOrganizer(actor))) throw new DomainError('not_found');
	return r;
}

/** One registration with its person, category, partner and current badge. */
export async function get(actor: Actor, id: string) {
	const r = await visible(actor, id);
	const [row] = await db
		.select({
			event: { slug: events.slug, name: events.name, timeZone: events.timeZone, privacyVersion: events.privacyVersion },
			category: categories,
			partner: { id: partners.id, slug: partners.slug, name: partners.name },
			person: { id: users.id, name: users.name, nameZh: users.nameZh, organization: users.organization, email: users.email, locale: users.locale }
		})
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.innerJoin(users, eq(users.id, registrations.userId))
		.leftJoin(partners, eq(partners.id, registrations.partnerId))
		.where(eq(registrations.id, r.id));
	const badge = await badges.current(db, r.id);
	return { registration: r, ...row, badge };
}

export function toApi(g: Awaited<ReturnType<typeof get>>) {
	const r = g.registration;
	return {
		id: r.id,
		publicId: r.publicId,
		status: r.status,
		event: g.event.slug,
		category: { slug: g.category.slug, name: g.category.name, color: g.category.color },
		partner: g.partner ? { slug: g.partner.slug, name: g.partner.name } : null,
		person: { name: g.person.name, nameZh: g.person.nameZh, organization: g.person.organization, email: g.person.email },
		answers: r.answers,
		consentVersion: r.consentVersion,
		createdAt: r.createdAt.toISOString(),
		updatedAt: r.updatedAt.toISOString(),
		badge: g.badge && r.status === 'approved' ? { code: g.badge.code, version: g.badge.version, issuedAt: g.badge.issuedAt.toISOString() } : null
	};
}

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

/** The actor's registration for one event, or null. */
export async function mineFor(actor: Actor, eventSlug: string) {
	requireUser(actor);
	const [r] = await db
		.select({ id: registrations.id })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(eq(events.slug, eventSlug), eq(registrations.userId, actor.id)))
		.limit(1);
	return r ? get(actor, r.id) : null;
}
