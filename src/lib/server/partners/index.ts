/**
 * Partner organisations (overseas workstations): the public directory, the organizers' management,
 * the representatives' portal (delegations, projects) and the roadshow pitches. Every verb takes the
 * acting user first; anything of another partner answers not_found (see scope.ts).
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { db } from '../db';
import { partnerEditions, partners } from './tables';
import { published, type ProgramSnapshot } from '../schedule';
import { events } from '../events/tables';
import { worldMap, type MapPoint } from './map';
import { pick, type Locale } from '$lib/i18n/text';
import { requireRole, type Actor } from '../auth/access';

export type Partner = typeof partners.$inferSelect;
export * from './organize';
export * as delegates from './delegates';
export * as projects from './projects';
export { mayActFor, ownPartner } from './scope';
export * as invitations from './invitations';

/** Active partners taking part in an edition: public, for anyone (`actor` may be null). */
export async function directory(_actor: Actor | null, eventId: string) {
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
			description: partners.description,
			plaqueYear: partners.plaqueYear,
			hasLogo: isNotNull(partners.logo),
			latitude: partners.latitude,
			longitude: partners.longitude
		})
		.from(partners)
		.innerJoin(partnerEditions, eq(partnerEditions.partnerId, partners.id))
		.where(and(eq(partnerEditions.eventId, eventId), eq(partners.status, 'active')))
		.orderBy(asc(partners.slug));
}

/** The API view of the directory (CONTRACTS.md). */
export function toApi(p: Awaited<ReturnType<typeof directory>>[number]) {
	return { ...p, logo: p.hasLogo ? `/partners/logo/${p.slug}` : null, hasLogo: undefined };
}

/**
 * Satellite recruiting events: sessions run with a partner or held at a venue abroad, with where and
 * when they happen in their own zone. Read from the published release, like every public view of the
 * program: a session that exists only in the draft is not shown until it is released.
 */
export function satellitesOf(snap: ProgramSnapshot) {
	const rooms = new Map(snap.rooms.map((r) => [r.id, r]));
	const venues = new Map(snap.venues.map((v) => [v.id, v]));
	const partnersById = new Map(snap.partners.map((p) => [p.id, p]));
	return snap.sessions
		.flatMap((s) => {
			const venue = s.roomId ? venues.get(rooms.get(s.roomId)?.venueId ?? '') : undefined;
			if (!venue || s.status !== 'confirmed' || !s.startsAt || !(s.partnerId || venue.kind === 'abroad')) return [];
			const partner = s.partnerId ? partnersById.get(s.partnerId) : undefined;
			return [
				{
					code: s.code,
					title: s.title,
					startsAt: new Date(s.startsAt),
					endsAt: s.endsAt ? new Date(s.endsAt) : null,
					city: venue.city,
					venue: venue.name,
					timeZone: venue.timeZone,
					latitude: venue.latitude,
					longitude: venue.longitude,
					partnerSlug: partner?.slug ?? null,
					partnerName: partner?.name ?? null
				}
			];
		})
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.code.localeCompare(b.code));
}

export async function satellites(eventId: string) {
	const rel = await published(eventId);
	return rel ? satellitesOf(rel.snapshot) : [];
}

/** Everything the public partners page shows for an edition, the map included. */
export async function publicPage(eventId: string, locale: Locale) {
	const [[event], list, sats] = await Promise.all([db.select().from(events).where(eq(events.id, eventId)), directory(null, eventId), satellites(eventId)]);
	const points: MapPoint[] = [];
	for (const p of list) if (p.latitude !== null && p.longitude !== null) points.push({ kind: 'workstation', label: pick(p.city, locale), lon: p.longitude, lat: p.latitude });
	for (const s of sats) if (s.latitude !== null && s.longitude !== null) points.push({ kind: 'satellite', label: pick(s.city, locale), lon: s.longitude, lat: s.latitude });
	// The host city, so the map reads "from there to here".
	points.push({ kind: 'host', label: pick(event.city, locale), lon: 121.6147, lat: 38.914 });
	return { partners: list, satellites: sats, map: worldMap(points) };
}

/** Every partner (id, slug, name), for the admins' and organizers' pickers. */
export async function listAll(actor: Actor) {
	requireRole(actor, 'organizer', 'admin');
	return db.select({ id: partners.id, slug: partners.slug, name: partners.name }).from(partners).orderBy(asc(partners.slug));
}
