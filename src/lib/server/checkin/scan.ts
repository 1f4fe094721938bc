/**
 * `POST /api/v1/checkins`: one scan, one transaction, after pretix's check-in service.
 *
 * 1. A scan id seen before gets its stored first answer (look-up first; the unique index settles
 *    the race of two identical uploads).
 * 2. The checkpoint and the event's public key come from a short in-process cache (they change
 *    rarely; a rule change takes effect within seconds).
 * 3. The signature is checked before the database is touched for the registration.
 * 4. In the transaction: the registration row is locked `FOR UPDATE`, so two devices scanning one
 *    badge at once are serialised and exactly one is admitted; the facts are loaded in two or three
 *    statements, `rules.decide` answers, and the scan is stored, rejected ones too.
 */
import { and, asc, eq, gte, isNull, lte, gt, or, sql } from 'drizzle-orm';
import { connection, db, type Executor } from '../db';
import { checkpoints, devices, scans, type ScanAnswer, type CheckpointRules } from './tables';
import { registrations, categories, seatBookings } from '../registrations/tables';
import { users } from '../auth/tables';
import { badges, eventKeys } from '../badges/tables';
import { programSessions } from '../schedule/tables';
import { verifyCode } from '../badges/code';
import { DomainError } from '../errors';
import { decide, admissionScope, ROOM_GRACE_MS, type Admission, type SessionFacts, type Facts } from './rules';
import type { Scanner } from './devices';
import type { CheckinRequest } from '$lib/schemas/checkin';

export const NOTIFY_CHANNEL = 'checkin';
const CACHE_MS = 3_000;
/** Device clocks drift: a scan time further ahead than this is taken as the arrival time. */
const MAX_FUTURE_MS = 2 * 60_000;

interface CheckpointFacts {
	id: string;
	eventId: string;
	name: { zh: string; en: string };
	roomId: string | null;
	rules: CheckpointRules;
	archived: boolean;
	kid: string | null;
	publicKey: string | null;
}
const checkpointCache = new Map<string, { at: number; cp: CheckpointFacts | null }>();

export async function checkpointFacts(id: string, now = Date.now()): Promise<CheckpointFacts | null> {
	const hit = checkpointCache.get(id);
	if (hit && now - hit.at < CACHE_MS) return hit.cp;
	const [row] = await db
		.select({
			id: checkpoints.id,
			eventId: checkpoints.eventId,
			name: checkpoints.name,
			roomId: checkpoints.roomId,
			rules: checkpoints.rules,
			archivedAt: checkpoints.archivedAt,
			kid: eventKeys.kid,
			publicKey: eventKeys.publicKey
		})
		.from(checkpoints)
		.leftJoin(eventKeys, eq(eventKeys.eventId, checkpoints.eventId))
		.where(eq(checkpoints.id, id))
		.limit(1);
	const cp = row ? { ...row, archived: !!row.archivedAt } : null;
	if (checkpointCache.size > 5_000) checkpointCache.clear();
	// An event without a key yet has issued no badge: do not cache, the key may appear any moment.
	if (!cp || cp.kid) checkpointCache.set(id, { at: now, cp });
	return cp;
}

export function forgetCheckpoint(id?: string) {
	if (id) checkpointCache.delete(id);
	else checkpointCache.clear();
}

/** May this scanner scan at this checkpoint? Devices only at their own; staff anywhere. */
export function mayScanAt(scanner: Scanner, cp: Pick<CheckpointFacts, 'id' | 'eventId'>): boolean {
	if (scanner.kind === 'device') return scanner.eventId === cp.eventId && scanner.checkpointIds.includes(cp.id);
	return true;
}

/** The seat rule: a booked seat in that session (registrations own `seat_bookings`). */
export async function hasSeat(tx: Executor, registrationId: string, sessionId: string): Promise<boolean> {
	const [row] = await tx
		.select({ one: sql<number>`1` })
		.from(seatBookings)
		.where(and(eq(seatBookings.registrationId, registrationId), eq(seatBookings.sessionId, sessionId), eq(seatBookings.status, 'booked')))
		.limit(1);
	return !!row;
}

/** The session on in a room at an instant (grace before the start included). */
export async function sessionOn(ex: Executor, roomId: string, at: Date): Promise<SessionFacts | null> {
	const [s] = await ex
		.select({ id: programSessions.id, startsAt: programSessions.startsAt, endsAt: programSessions.endsAt, requiresBooking: programSessions.requiresBooking })
		.from(programSessions)
		.where(
			and(
				eq(programSessions.roomId, roomId),
				eq(programSessions.status, 'confirmed'),
				lte(programSessions.startsAt, new Date(at.getTime() + ROOM_GRACE_MS)),
				gt(programSessions.endsAt, at)
			)
		)
		.orderBy(asc(programSessions.startsAt))
		.limit(1);
	return s && s.startsAt && s.endsAt ? { id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, requiresBooking: s.requiresBooking } : null;
}

function uniqueViolation(e: unknown): boolean {
	for (let cur = e as { code?: string; cause?: unknown } | undefined, d = 0; cur && d < 4; d++) {
		if (cur.code === '23505') return true;
		cur = cur.cause as typeof cur;
	}
	return false;
}

async function replay(scanner: Scanner, scanId: string): Promise<ScanAnswer | null> {
	const [prev] = await db
		.select({ answer: scans.answer, eventId: scans.eventId, checkpointId: scans.checkpointId })
		.from(scans)
		.where(eq(scans.scanId, scanId))
		.limit(1);
	if (!prev) return null;
	// A scan id is not a way to read another event's answers.
	if (!mayScanAt(scanner, { id: prev.checkpointId, eventId: prev.eventId })) throw new DomainError('scan_id_taken', { status: 409 });
	return prev.answer;
}

export async function checkIn(scanner: Scanner, input: CheckinRequest, now = new Date()): Promise<ScanAnswer> {
	const previous = await replay(scanner, input.scanId);
	if (previous) return previous;

	const cp = await checkpointFacts(input.checkpointId, now.getTime());
	if (!cp || !mayScanAt(scanner, cp)) throw new DomainError('not_found');
	if (cp.archived) throw new DomainError('checkpoint_closed', { status: 409 });

	let at = input.scannedAt ? new Date(input.scannedAt) : now;
	if (at.getTime() > now.getTime() + MAX_FUTURE_MS) at = now;
	const verified = cp.kid && cp.publicKey ? verifyCode(input.code, { kid: cp.kid, publicKey: cp.publicKey }) : verifyCode(input.code, { kid: '', publicKey: '' });
	const deviceId = scanner.kind === 'device' ? scanner.deviceId : null;
	const userId = scanner.kind === 'user' ? scanner.actor.id : null;

	let answer: ScanAnswer;
	try {
		answer = await db.transaction(async (tx) => {
			let reg: Awaited<ReturnType<typeof lockRegistration>> = null;
			if (verified.ok) reg = await lockRegistration(tx, verified.parsed.publicId, verified.parsed.version);

			const facts: Facts = {
				at,
				rules: cp.rules,
				code: verified.ok ? 'ok' : verified.reason,
				registration: reg
					? { eventMatches: reg.eventId === cp.eventId, status: reg.status, categoryId: reg.categoryId, badgeRevoked: reg.badgeRevoked }
					: null,
				session: null,
				hasSeat: false,
				admissions: [],
				lastExitAt: null,
				offline: input.offline ?? false
			};
			const live = reg !== null && reg.eventId === cp.eventId && reg.status === 'approved' && !reg.badgeRevoked;
			if (reg && live && cp.roomId && cp.rules.direction === 'entry' && (cp.rules.followRoomSchedule || cp.rules.seatRequired)) {
				facts.session = await sessionOn(tx, cp.roomId, at);
				if (facts.session && (cp.rules.seatRequired || facts.session.requiresBooking)) facts.hasSeat = await hasSeat(tx, reg.id, facts.session.id);
			}
			if (reg && live && cp.rules.direction === 'entry') {
				const history = await admissionsOf(tx, reg.id, cp.id, admissionScope(cp.rules, facts.session));
				facts.admissions = history.admissions;
				facts.lastExitAt = history.lastExitAt;
			}

			const decision = decide(facts);
			const base: ScanAnswer = {
				scanId: input.scanId,
				result: decision.result,
				direction: cp.rules.direction,
				checkpointId: cp.id,
				scannedAt: at.toISOString()
			};
			if (decision.result === 'rejected') base.reason = decision.reason;
			if (decision.genuine && reg) base.attendee = reg.display;
			if (decision.result === 'already_admitted') base.firstAdmission = await describeAdmission(tx, decision.first, cp);
			if (decision.result === 'admitted' && decision.supersedes) {
				await supersede(tx, decision.supersedes, { at, scanId: input.scanId, checkpointId: cp.id, deviceId }, cp, now);
			}
			await tx.insert(scans).values({
				scanId: input.scanId,
				eventId: cp.eventId,
				checkpointId: cp.id,
				registrationId: reg && reg.eventId === cp.eventId ? reg.id : null,
				deviceId,
				userId,
				result: decision.result,
				reason: base.reason ?? null,
				direction: cp.rules.direction,
				scannedAt: at,
				receivedAt: now,
				answer: base,
				offline: input.offline ?? false
			});
			return base;
		});
	} catch (e) {
		if (!uniqueViolation(e)) throw e;
		// The same scan id was stored by a concurrent request: answer as it did.
		const again = await replay(scanner, input.scanId);
		if (!again) throw e;
		return again;
	}
	connection
		?.notify(NOTIFY_CHANNEL, JSON.stringify({ eventId: cp.eventId, checkpointId: cp.id, result: answer.result, direction: answer.direction, at: answer.scannedAt }))
		.catch(() => {});
	return answer;
}

async function lockRegistration(tx: Executor, publicId: string, version: number) {
	const [row] = await tx
		.select({
			id: registrations.id,
			eventId: registrations.eventId,
			status: registrations.status,
			categoryId: registrations.categoryId,
			publicId: registrations.publicId,
			name: users.name,
			nameZh: users.nameZh,
			organization: users.organization,
			categoryName: categories.name,
			categoryColor: categories.color,
			// The scanned version must exist, be unrevoked and be the newest one.
			valid: sql<boolean>`exists (select 1 from ${badges} b where b.registration_id = ${registrations.id} and b.version = ${version} and b.revoked_at is null and not exists (select 1 from ${badges} n where n.registration_id = ${registrations.id} and n.version > ${version}))`
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.publicId, publicId))
		.limit(1)
		.for('update', { of: registrations });
	if (!row) return null;
	return {
		id: row.id,
		eventId: row.eventId,
		status: row.status,
		categoryId: row.categoryId,
		badgeRevoked: !row.valid,
		display: {
			publicId: row.publicId,
			name: row.name,
			nameZh: row.nameZh,
			organization: row.organization,
			category: { id: row.categoryId, name: row.categoryName, color: row.categoryColor }
		}
	};
}

/** Entries at this checkpoint (within the scope) and the latest exit anywhere in one statement. */
async function admissionsOf(tx: Executor, registrationId: string, checkpointId: string, since: Date | null) {
	const rows = await tx
		.select({ scanId: scans.scanId, at: scans.scannedAt, checkpointId: scans.checkpointId, deviceId: scans.deviceId, direction: scans.direction })
		.from(scans)
		.where(
			and(
				eq(scans.registrationId, registrationId),
				eq(scans.result, 'admitted'),
				or(
					and(eq(scans.checkpointId, checkpointId), eq(scans.direction, 'entry'), since ? gte(scans.scannedAt, since) : undefined),
					eq(scans.direction, 'exit')
				)
			)
		)
		.orderBy(asc(scans.scannedAt));
	const admissions: Admission[] = [];
	let lastExitAt: Date | null = null;
	for (const r of rows) {
		if (r.direction === 'exit') lastExitAt = r.at;
		else admissions.push({ scanId: r.scanId, at: r.at, checkpointId: r.checkpointId, deviceId: r.deviceId });
	}
	return { admissions, lastExitAt };
}

async function describeAdmission(tx: Executor, a: Admission, cp: CheckpointFacts): Promise<NonNullable<ScanAnswer['firstAdmission']>> {
	let deviceName: string | null = null;
	if (a.deviceId) {
		const [d] = await tx.select({ name: devices.name }).from(devices).where(eq(devices.id, a.deviceId)).limit(1);
		deviceName = d?.name ?? null;
	}
	return { at: a.at.toISOString(), checkpointId: a.checkpointId, checkpointName: a.checkpointId === cp.id ? cp.name : null, deviceId: a.deviceId, deviceName };
}

/**
 * An offline scan made earlier than the recorded admission arrives: the earliest scan admits, so
 * the recorded one becomes "already admitted" and its device learns it at the next sync.
 */
async function supersede(tx: Executor, old: Admission, first: Admission, cp: CheckpointFacts, now: Date) {
	const [row] = await tx.select({ answer: scans.answer }).from(scans).where(eq(scans.scanId, old.scanId)).limit(1);
	if (!row) return;
	const answer: ScanAnswer = { ...row.answer, result: 'already_admitted', firstAdmission: await describeAdmission(tx, first, cp) };
	await tx
		.update(scans)
		.set({ result: 'already_admitted', answer, revisedAt: now })
		.where(and(eq(scans.scanId, old.scanId), isNull(scans.revisedAt)));
}
