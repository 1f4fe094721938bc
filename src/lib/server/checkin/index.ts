/**
 * Check-in: checkpoints and their rules, scanner devices, scans. Imported as a namespace:
 * `import * as checkin from '$lib/server/checkin'`.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { connection, db } from '../db';
import { NOTIFY_CHANNEL as NOTIFY_CHANNEL_NAME } from './scan';
import { checkpoints, type CheckpointRules } from './tables';
import { events } from '../events/tables';
import { rooms, venues } from '../schedule/tables';
import { categories } from '../registrations/tables';
import { DomainError } from '../errors';
import { requireArea, type Actor } from '../auth/access';
import { record } from '../audit';
import * as eventsDomain from '../events';
import { forgetCheckpoint } from './scan';
import type { Scanner } from './devices';
import { checkpointFormSchema, checkpointInputSchema, type CheckpointInput } from '$lib/schemas/checkin';
import { zonedTime } from '$lib/time';
import type { z } from 'zod';
import { listDevices } from './devices';

export { checkIn, checkpointFacts, mayScanAt, hasSeat, sessionOn, NOTIFY_CHANNEL } from './scan';
export { createDevice, pair, listDevices, revokeDevice, authenticateDevice, resolveScanner, deviceTokenOf, DEVICE_TOKEN_PREFIX } from './devices';
export type { Scanner, DeviceScanner } from './devices';
export { counters, lookup, scannerSync, live } from './reads';

export type Checkpoint = typeof checkpoints.$inferSelect;

/**
 * The event behind a slug, drafts included, for staff (organizers' check-in pages, staff scanners)
 * and for a device paired with that very event; anyone else gets not_found or forbidden.
 */
export async function eventBySlug(who: Actor | Scanner, slug: string) {
	if (!('kind' in who)) requireArea(who, 'staff');
	else if (who.kind === 'user') requireArea(who.actor, 'staff');
	const event = await eventsDomain.findBySlug(slug);
	if ('kind' in who) requireEventScanner(who, event.id);
	return event;
}

/** A scanner may see an event's check-in data only if it belongs to it (devices) or is staff. */
export function requireEventScanner(scanner: Scanner, eventId: string) {
	if (scanner.kind === 'device' && scanner.eventId !== eventId) throw new DomainError('not_found');
}

export async function listCheckpoints(scanner: Scanner, eventId: string): Promise<Checkpoint[]> {
	requireEventScanner(scanner, eventId);
	const rows = await db
		.select()
		.from(checkpoints)
		.where(and(eq(checkpoints.eventId, eventId), isNull(checkpoints.archivedAt)))
		.orderBy(asc(checkpoints.position), asc(checkpoints.createdAt));
	return scanner.kind === 'device' ? rows.filter((c) => scanner.checkpointIds.includes(c.id)) : rows;
}

async function validatePlace(eventId: string, input: CheckpointInput) {
	if (input.roomId) {
		const [r] = await db.select({ venueId: rooms.venueId }).from(rooms).where(and(eq(rooms.id, input.roomId), eq(rooms.eventId, eventId))).limit(1);
		if (!r) throw new DomainError('invalid_input', { fields: { roomId: ['v_invalid'] } });
		input.venueId = r.venueId;
	} else if (input.venueId) {
		const [v] = await db.select({ id: venues.id }).from(venues).where(and(eq(venues.id, input.venueId), eq(venues.eventId, eventId))).limit(1);
		if (!v) throw new DomainError('invalid_input', { fields: { venueId: ['v_invalid'] } });
	}
	if (input.rules.followRoomSchedule && !input.roomId) throw new DomainError('invalid_input', { fields: { roomId: ['v_required'] } });
	const cats = input.rules.allowedCategories;
	if (cats.length) {
		const own = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.eventId, eventId), inArray(categories.id, cats)));
		if (own.length !== new Set(cats).size) throw new DomainError('invalid_input', { fields: { 'rules.allowedCategories': ['v_invalid'] } });
	}
}

export async function createCheckpoint(actor: Actor, eventId: string, input: CheckpointInput): Promise<Checkpoint> {
	requireArea(actor, 'organizer');
	await validatePlace(eventId, input);
	const [row] = await db
		.insert(checkpoints)
		.values({ eventId, name: input.name, kind: input.kind, venueId: input.venueId, roomId: input.roomId, rules: input.rules as CheckpointRules })
		.returning();
	await record(actor, 'checkin.checkpoint_create', { targetType: 'checkpoint', targetId: row.id, eventId });
	return row;
}

export async function updateCheckpoint(actor: Actor, eventId: string, id: string, input: CheckpointInput): Promise<Checkpoint> {
	requireArea(actor, 'organizer');
	await validatePlace(eventId, input);
	const [row] = await db
		.update(checkpoints)
		.set({ name: input.name, kind: input.kind, venueId: input.venueId, roomId: input.roomId, rules: input.rules as CheckpointRules })
		.where(and(eq(checkpoints.id, id), eq(checkpoints.eventId, eventId)))
		.returning();
	if (!row) throw new DomainError('not_found');
	forgetCheckpoint(id);
	await record(actor, 'checkin.checkpoint_update', { targetType: 'checkpoint', targetId: id, eventId });
	return row;
}

export async function archiveCheckpoint(actor: Actor, eventId: string, id: string) {
	requireArea(actor, 'organizer');
	const res = await db
		.update(checkpoints)
		.set({ archivedAt: new Date() })
		.where(and(eq(checkpoints.id, id), eq(checkpoints.eventId, eventId), isNull(checkpoints.archivedAt)))
		.returning({ id: checkpoints.id });
	if (!res.length) throw new DomainError('not_found');
	forgetCheckpoint(id);
	await record(actor, 'checkin.checkpoint_archive', { targetType: 'checkpoint', targetId: id, eventId });
}

/** The API view of a checkpoint. */
export function toApi(c: Checkpoint) {
	return { id: c.id, name: c.name, kind: c.kind, venueId: c.venueId, roomId: c.roomId, rules: c.rules };
}

/** Everything the organizer's checkpoints page shows. */
export async function setup(actor: Actor, slug: string) {
	requireArea(actor, 'organizer');
	const event = await eventBySlug(actor, slug);
	const [cps, devs, cats, places] = await Promise.all([
		listCheckpoints({ kind: 'user', actor }, event.id),
		listDevices(actor, event.id),
		db.select({ id: categories.id, name: categories.name, color: categories.color }).from(categories).where(eq(categories.eventId, event.id)).orderBy(asc(categories.position)),
		db
			.select({ venueId: venues.id, venueName: venues.name, roomId: rooms.id, roomName: rooms.name })
			.from(venues)
			.leftJoin(rooms, eq(rooms.venueId, venues.id))
			.where(eq(venues.eventId, event.id))
			.orderBy(asc(venues.position), asc(rooms.position))
	]);
	return { event, checkpoints: cps, devices: devs, categories: cats, places };
}

/** The organizer form's flat fields as a checkpoint input; local times are in the event's zone. */
export function fromForm(form: z.infer<typeof checkpointFormSchema>, timeZone: string): CheckpointInput {
	const [placeKind, placeId] = form.place.split(':');
	const toInstant = (v: string | null) => (v ? zonedTime(v.slice(0, 10), v.slice(11, 16), timeZone).toISOString() : null);
	const from = toInstant(form.from);
	const to = toInstant(form.to);
	const cats = form.allowedCategories === undefined ? [] : ([] as string[]).concat(form.allowedCategories);
	const parsed = checkpointInputSchema.safeParse({
		name: { zh: form.nameZh, en: form.nameEn },
		kind: form.kind,
		venueId: placeKind === 'venue' ? placeId : null,
		roomId: placeKind === 'room' ? placeId : null,
		rules: {
			allowedCategories: cats,
			seatRequired: form.seatRequired,
			window: from || to ? { from, to } : null,
			direction: form.direction,
			reentryAllowed: form.reentryAllowed,
			followRoomSchedule: form.followRoomSchedule
		}
	});
	if (!parsed.success) throw new DomainError('invalid_input', { fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_', ['v_invalid']])) });
	return parsed.data;
}

/** The staff home: published events and their open checkpoints. */
export async function staffHome(actor: Actor) {
	requireArea(actor, 'staff');
	const rows = await db
		.select({ slug: events.slug, eventName: events.name, startDate: events.startDate, id: checkpoints.id, name: checkpoints.name })
		.from(events)
		.innerJoin(checkpoints, and(eq(checkpoints.eventId, events.id), isNull(checkpoints.archivedAt)))
		.where(eq(events.status, 'published'))
		.orderBy(asc(events.startDate), asc(checkpoints.position), asc(checkpoints.createdAt));
	const out: { slug: string; name: { zh: string; en: string }; checkpoints: { id: string; name: { zh: string; en: string } }[] }[] = [];
	for (const r of rows) {
		let e = out.find((x) => x.slug === r.slug);
		if (!e) out.push((e = { slug: r.slug, name: r.eventName, checkpoints: [] }));
		e.checkpoints.push({ id: r.id, name: r.name });
	}
	return out;
}

/**
 * Calls `onChange` (at most once per `debounceMs`) when a scan of the event is stored, on this
 * instance or, through PostgreSQL LISTEN/NOTIFY, on any other. Returns the unsubscribe function.
 */
export async function subscribe(eventId: string, onChange: () => void, debounceMs = 1000) {
	if (!connection) throw new Error('database not open');
	let timer: ReturnType<typeof setTimeout> | undefined;
	const stop = await connection.listen(NOTIFY_CHANNEL_NAME, (payload) => {
		try {
			if ((JSON.parse(payload) as { eventId?: string }).eventId !== eventId) return;
		} catch {
			return;
		}
		timer ??= setTimeout(() => {
			timer = undefined;
			onChange();
		}, debounceMs);
	});
	return async () => {
		clearTimeout(timer);
		await stop();
	};
}
