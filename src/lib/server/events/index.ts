/** Editions of the week: public reads. Editing arrives with the schedule editor. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { events } from './tables';
import { DomainError } from '../errors';
import { isOrganizer, requireRole, type Actor } from '../auth/access';
import { cache as newCache } from '../cache';

/**
 * Public look-ups (every program page, feed and badge asks for its event) are served from memory.
 * An edit broadcasts the event's id (`invalidation.ts`); entries also expire after `FRESH_MS`.
 */
const FRESH_MS = 30_000;
// Keyed by slug and by day, while a broadcast names the event's id: an edit drops them all.
const bySlug = newCache<Event>({ max: 1_000, ttlMs: FRESH_MS, invalidateOn: { topic: 'event', drop: 'all' } });
const featuredCache = newCache<Event | null>({ max: 4, ttlMs: FRESH_MS, invalidateOn: { topic: 'event', drop: 'all' } });

export type Event = typeof events.$inferSelect;

export async function listPublished(): Promise<Event[]> {
	return db.select().from(events).where(eq(events.status, 'published')).orderBy(asc(events.startDate));
}

/** Every event, drafts included: organizers only. */
export async function listAll(actor: Actor): Promise<Event[]> {
	requireRole(actor, 'organizer', 'admin');
	return db.select().from(events).orderBy(sql`${events.startDate} desc`);
}

/**
 * The one event-by-slug look-up, drafts included, for verbs that check access themselves
 * (`getBySlug` below, `checkin.eventBySlug`, `schedule.editor.eventBySlug`). Not for routes.
 */
export async function findBySlug(slug: string, now = Date.now()): Promise<Event> {
	const hit = bySlug.get(slug, now);
	if (hit) return hit;
	const [row] = await db.select().from(events).where(eq(events.slug, slug)).limit(1);
	// An unknown slug is not remembered: an event created a moment later must be found.
	if (!row) throw new DomainError('not_found');
	return bySlug.set(slug, row, now);
}

/** A published event by slug; organizers also see drafts. */
export async function getBySlug(actor: Actor | null, slug: string, now = Date.now()): Promise<Event> {
	const event = await findBySlug(slug, now);
	if (event.status !== 'published' && !isOrganizer(actor)) throw new DomainError('not_found');
	return event;
}

/** The edition the home page features: the running or next one, else the latest. */
export async function featured(now = new Date()): Promise<Event | null> {
	const today = now.toISOString().slice(0, 10);
	return featuredCache.getOrLoad(today, () => findFeatured(today), { now: now.getTime() });
}

async function findFeatured(today: string): Promise<Event | null> {
	const [next] = await db
		.select()
		.from(events)
		.where(and(eq(events.status, 'published'), sql`${events.endDate} >= ${today}`))
		.orderBy(asc(events.startDate))
		.limit(1);
	if (next) return next;
	const [latest] = await db
		.select()
		.from(events)
		.where(eq(events.status, 'published'))
		.orderBy(sql`${events.startDate} desc`)
		.limit(1);
	return latest ?? null;
}

/** Days of the event as local ISO dates. */
export function days(event: Pick<Event, 'startDate' | 'endDate'>): string[] {
	const out: string[] = [];
	const d = new Date(`${event.startDate}T00:00:00Z`);
	const end = new Date(`${event.endDate}T00:00:00Z`);
	while (d <= end) {
		out.push(d.toISOString().slice(0, 10));
		d.setUTCDate(d.getUTCDate() + 1);
	}
	return out;
}

/** The API view (CONTRACTS.md): slug, names in both languages, timeZone, dates. */
export function toApi(event: Event) {
	return {
		slug: event.slug,
		name: event.name,
		city: event.city,
		timeZone: event.timeZone,
		startDate: event.startDate,
		endDate: event.endDate,
		tagline: event.tagline ?? null
	};
}
