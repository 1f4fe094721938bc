/** Check-in reads: scanner counters, manual look-up, the scanner's offline sync, the live dashboard. */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { db, rowsOf } from '../db';
import { checkpoints, devices, scans } from './tables';
import { events } from '../events/tables';
import { programSessions } from '../schedule/tables';
import { categories, registrations } from '../registrations/tables';
import { partners } from '../partners/tables';
import { users } from '../auth/tables';
import { badges } from '../badges/tables';
import * as badgeKeys from '../badges';
import { DomainError } from '../errors';
import { requireArea, type Actor } from '../auth/access';
import { localDate, zonedTime, addDays } from '$lib/time';
import { mayScanAt } from './scan';
import type { Scanner } from './devices';

/** Sync windows overlap by this much, so a row committed just after a sync's snapshot is not missed. */
const SYNC_OVERLAP_MS = 30_000;

async function checkpointOf(scanner: Scanner, checkpointId: string) {
	const [row] = await db
		.select({ cp: checkpoints, timeZone: events.timeZone })
		.from(checkpoints)
		.innerJoin(events, eq(events.id, checkpoints.eventId))
		.where(eq(checkpoints.id, checkpointId))
		.limit(1);
	if (!row || !mayScanAt(scanner, row.cp)) throw new DomainError('not_found');
	return row;
}

export function dayBounds(now: Date, timeZone: string, day = localDate(now, timeZone)) {
	return { day, from: zonedTime(day, '00:00', timeZone), to: zonedTime(addDays(day, 1), '00:00', timeZone) };
}

/** People whose last passage today through the checkpoints of this place was an entry. */
async function insideCount(area: string[], from: Date): Promise<number> {
	if (!area.length) return 0;
	const [r] = rowsOf<{ n: number }>(
		await db.execute(sql`select count(*)::int as n from (
			select distinct on (registration_id) direction from scans
			where checkpoint_id in (${sql.join(area.map((a) => sql`${a}::uuid`), sql`, `)}) and result = 'admitted' and registration_id is not null and scanned_at >= ${from.toISOString()}::timestamptz
			order by registration_id, scanned_at desc) last where direction = 'entry'`)
	);
	return Number(r?.n ?? 0);
}

/**
 * Per checkpoint, the people inside its place who came in through it: of everyone whose last passage
 * today through the place's checkpoints was an entry, counted at the checkpoint of that entry. An exit
 * counts nobody; the entries of one place add up to the number inside it.
 */
export async function insideByCheckpoint(cps: (typeof checkpoints.$inferSelect)[], from: Date): Promise<Record<string, number>> {
	const out: Record<string, number> = Object.fromEntries(cps.map((c) => [c.id, 0]));
	const areas = new Map<string, string[]>();
	for (const c of cps) {
		const area = await areaOf(c);
		areas.set(area.slice().sort().join(','), area);
	}
	for (const area of areas.values()) {
		if (!area.length) continue;
		const rows = rowsOf<{ checkpoint_id: string; n: number }>(
			await db.execute(sql`select checkpoint_id, count(*)::int as n from (
				select distinct on (registration_id) checkpoint_id, direction from scans
				where checkpoint_id in (${sql.join(area.map((a) => sql`${a}::uuid`), sql`, `)}) and result = 'admitted' and registration_id is not null and scanned_at >= ${from.toISOString()}::timestamptz
				order by registration_id, scanned_at desc) last where direction = 'entry' group by checkpoint_id`)
		);
		for (const r of rows) if (r.checkpoint_id in out) out[r.checkpoint_id] = Number(r.n);
	}
	return out;
}

/** The checkpoints that bound the same place: the room, else the venue, else the whole event. */
async function areaOf(cp: typeof checkpoints.$inferSelect): Promise<string[]> {
	const where = cp.roomId ? eq(checkpoints.roomId, cp.roomId) : cp.venueId ? and(eq(checkpoints.venueId, cp.venueId), isNull(checkpoints.roomId)) : undefined;
	const rows = await db.select({ id: checkpoints.id }).from(checkpoints).where(and(eq(checkpoints.eventId, cp.eventId), where));
	return rows.map((r) => r.id);
}

export async function counters(scanner: Scanner, checkpointId: string, now = new Date()) {
	const { cp, timeZone } = await checkpointOf(scanner, checkpointId);
	const { from } = dayBounds(now, timeZone);
	const [admitted] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(scans)
		.where(and(eq(scans.checkpointId, cp.id), eq(scans.result, 'admitted'), eq(scans.direction, 'entry'), gte(scans.scannedAt, from)));
	const cats = cp.rules.allowedCategories;
	const [expected] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(registrations)
		.where(and(eq(registrations.eventId, cp.eventId), eq(registrations.status, 'approved'), cats.length ? inArray(registrations.categoryId, cats) : undefined));
	return { admittedToday: Number(admitted.n), insideNow: await insideCount(await areaOf(cp), from), expected: Number(expected.n) };
}

/** Manual look-up for a lost badge: name (either script), email or organisation. */
export async function lookup(scanner: Scanner, checkpointId: string, q: string) {
	const { cp } = await checkpointOf(scanner, checkpointId);
	const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
	return db
		.select({
			publicId: registrations.publicId,
			name: users.name,
			nameZh: users.nameZh,
			email: users.email,
			organization: users.organization,
			status: registrations.status,
			category: { name: categories.name, color: categories.color },
			code: sql<string | null>`(select b.code from ${badges} b where b.registration_id = ${registrations.id} and b.revoked_at is null order by b.version desc limit 1)`
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(
			and(
				eq(registrations.eventId, cp.eventId),
				or(sql`${users.name} ilike ${like}`, sql`${users.nameZh} ilike ${like}`, sql`${users.email} ilike ${like}`, sql`${users.organization} ilike ${like}`)
			)
		)
		.orderBy(asc(users.name))
		.limit(12);
}

/**
 * What a scanner keeps for offline work, incrementally: the public key, its checkpoints and the
 * sessions of their rooms, the roster (public id → display fields, current badge version,
 * category, status), revocations, today's admissions at its checkpoints, and the revised outcomes
 * of its own scans. `since` is the `serverTime` of the previous answer.
 */
export async function scannerSync(scanner: Scanner, eventId: string, since: Date | null, now = new Date()) {
	if (scanner.kind === 'device' && scanner.eventId !== eventId) throw new DomainError('not_found');
	const [event] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
	if (!event) throw new DomainError('not_found');
	const after = since ? new Date(since.getTime() - SYNC_OVERLAP_MS) : null;

	const cps = (await db.select().from(checkpoints).where(and(eq(checkpoints.eventId, eventId), isNull(checkpoints.archivedAt))).orderBy(asc(checkpoints.position), asc(checkpoints.createdAt))).filter(
		(c) => scanner.kind === 'user' || scanner.checkpointIds.includes(c.id)
	);
	const roomIds = [...new Set(cps.map((c) => c.roomId).filter((r): r is string => !!r))];
	const sessions = roomIds.length
		? await db
				.select({ id: programSessions.id, roomId: programSessions.roomId, startsAt: programSessions.startsAt, endsAt: programSessions.endsAt, requiresBooking: programSessions.requiresBooking })
				.from(programSessions)
				.where(and(inArray(programSessions.roomId, roomIds), eq(programSessions.status, 'confirmed')))
		: [];

	const changed: SQL | undefined = after
		? sql`(${registrations.updatedAt} > ${after.toISOString()}::timestamptz or exists (select 1 from ${badges} b where b.registration_id = ${registrations.id} and (b.created_at > ${after.toISOString()}::timestamptz or b.revoked_at > ${after.toISOString()}::timestamptz)))`
		: undefined;
	const roster = await db
		.select({
			publicId: registrations.publicId,
			name: users.name,
			nameZh: users.nameZh,
			organization: users.organization,
			categoryId: registrations.categoryId,
			status: registrations.status,
			version: sql<number | null>`(select max(b.version)::int from ${badges} b where b.registration_id = ${registrations.id} and b.revoked_at is null)`
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(and(eq(registrations.eventId, eventId), changed));
	const revoked = await badgeKeys.revocations(eventId, after ?? undefined);
	const cats = await db.select({ id: categories.id, name: categories.name, color: categories.color }).from(categories).where(eq(categories.eventId, eventId));

	const { from } = dayBounds(now, event.timeZone);
	const cpIds = cps.map((c) => c.id);
	const admissions = cpIds.length
		? await db
				.select({ publicId: registrations.publicId, checkpointId: scans.checkpointId, at: scans.scannedAt, direction: scans.direction })
				.from(scans)
				.innerJoin(registrations, eq(registrations.id, scans.registrationId))
				.where(
					and(
						inArray(scans.checkpointId, cpIds),
						eq(scans.result, 'admitted'),
						gte(scans.scannedAt, after && after > from ? after : from)
					)
				)
		: [];
	const outcomes =
		scanner.kind === 'device' && after
			? await db
					.select({ answer: scans.answer })
					.from(scans)
					.where(and(eq(scans.deviceId, scanner.deviceId), gt(scans.revisedAt, after)))
			: [];

	return {
		serverTime: now.toISOString(),
		full: !after,
		event: { id: event.id, slug: event.slug, name: event.name, timeZone: event.timeZone },
		key: await badgeKeys.publicKey(eventId),
		checkpoints: cps.map((c) => ({ id: c.id, name: c.name, kind: c.kind, roomId: c.roomId, venueId: c.venueId, rules: c.rules })),
		sessions,
		categories: cats,
		roster,
		revocations: revoked.map((r) => ({ publicId: r.publicId, version: r.version })),
		admissions,
		outcomes: outcomes.map((o) => o.answer)
	};
}

/** The live dashboard: arrivals per checkpoint in 15-minute bins, inside counts, no-shows, by category and partner. */
export async function live(actor: Actor, eventId: string, now = new Date(), day?: string) {
	requireArea(actor, 'organizer');
	const [event] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
	if (!event) throw new DomainError('not_found');
	const bounds = dayBounds(now, event.timeZone, day);
	const cps = await db.select().from(checkpoints).where(and(eq(checkpoints.eventId, eventId), isNull(checkpoints.archivedAt))).orderBy(asc(checkpoints.position), asc(checkpoints.createdAt));

	const bins = rowsOf<{ checkpoint_id: string; bin: string | Date; n: number }>(
		await db.execute(sql`select checkpoint_id, to_timestamp(floor(extract(epoch from scanned_at) / 900) * 900) as bin, count(*)::int as n
			from scans where event_id = ${eventId} and result = 'admitted' and direction = 'entry'
			and scanned_at >= ${bounds.from.toISOString()}::timestamptz and scanned_at < ${bounds.to.toISOString()}::timestamptz
			group by 1, 2 order by 2`)
	).map((r) => ({ checkpointId: r.checkpoint_id, at: new Date(r.bin).toISOString(), n: Number(r.n) }));

	const admittedToday: Record<string, number> = {};
	for (const b of bins) admittedToday[b.checkpointId] = (admittedToday[b.checkpointId] ?? 0) + b.n;
	const inside = await insideByCheckpoint(cps, bounds.from);

	const arrived = sql`exists (select 1 from ${scans} s where s.registration_id = ${registrations.id} and s.result = 'admitted' and s.direction = 'entry')`;
	const byCategory = await db
		.select({ id: categories.id, name: categories.name, color: categories.color, approved: sql<number>`count(${registrations.id})::int`, arrived: sql<number>`count(${registrations.id}) filter (where ${arrived})::int` })
		.from(categories)
		.leftJoin(registrations, and(eq(registrations.categoryId, categories.id), eq(registrations.status, 'approved')))
		.where(eq(categories.eventId, eventId))
		.groupBy(categories.id)
		.orderBy(asc(categories.position));
	const byPartner = await db
		.select({ id: partners.id, name: partners.name, approved: sql<number>`count(*)::int`, arrived: sql<number>`count(*) filter (where ${arrived})::int` })
		.from(registrations)
		.innerJoin(partners, eq(partners.id, registrations.partnerId))
		.where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'approved')))
		.groupBy(partners.id)
		.orderBy(desc(sql`count(*)`));
	const approved = byCategory.reduce((s, c) => s + Number(c.approved), 0);
	const arrivedTotal = byCategory.reduce((s, c) => s + Number(c.arrived), 0);
	const recent = await db
		.select({ at: scans.scannedAt, result: scans.result, reason: scans.reason, checkpointId: scans.checkpointId, device: devices.name, name: sql<string | null>`${scans.answer}->'attendee'->>'name'` })
		.from(scans)
		.leftJoin(devices, eq(devices.id, scans.deviceId))
		.where(and(eq(scans.eventId, eventId), lt(scans.scannedAt, new Date(now.getTime() + 60_000))))
		.orderBy(desc(scans.scannedAt))
		.limit(15);
	return {
		day: bounds.day,
		from: bounds.from.toISOString(),
		to: bounds.to.toISOString(),
		timeZone: event.timeZone,
		checkpoints: cps.map((c) => ({ id: c.id, name: c.name, kind: c.kind, direction: c.rules.direction, admittedToday: admittedToday[c.id] ?? 0, inside: inside[c.id] ?? 0 })),
		bins,
		approved,
		arrived: arrivedTotal,
		noShows: approved - arrivedTotal,
		byCategory: byCategory.map((c) => ({ ...c, approved: Number(c.approved), arrived: Number(c.arrived) })),
		byPartner: byPartner.map((p) => ({ ...p, approved: Number(p.approved), arrived: Number(p.arrived) })),
		recent: recent.map((r) => ({ ...r, at: r.at.toISOString() }))
	};
}
