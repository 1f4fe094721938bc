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
import { and, asc, eq, inArray, isNull, lte, gt, or, sql } from 'drizzle-orm';
import { connection, db, type Executor } from '../db';
import { isUniqueViolation } from '../db/errors';
import { groupCommit, type Outcome } from '../db/group-commit';
import { cache as newCache } from '../cache';
import { checkpoints, devices, scans, type ScanAnswer, type CheckpointRules } from './tables';
import { registrations, categories, seatBookings } from '../registrations/tables';
import { users } from '../auth/tables';
import { badges, eventKeys } from '../badges/tables';
import { programSessions } from '../schedule/tables';
import { precheckCode, settleCode } from '../badges/code';
import { DomainError } from '../errors';
import { decide as decideScan, admissionScope, ROOM_GRACE_MS, type Admission, type SessionFacts, type Facts } from './rules';
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
const checkpointCache = newCache<CheckpointFacts | null>({ max: 5_000, ttlMs: CACHE_MS });

export async function checkpointFacts(id: string, now = Date.now()): Promise<CheckpointFacts | null> {
	const hit = checkpointCache.get(id, now);
	if (hit !== undefined) return hit;
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
	// An event without a key yet has issued no badge: do not cache, the key may appear any moment.
	if (!cp || cp.kid) checkpointCache.set(id, cp, now);
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

interface Pending {
	scanner: Scanner;
	input: CheckinRequest;
	now: Date;
	cp: CheckpointFacts;
	at: Date;
	/** The code's verdict; `unchecked` until the batch has read the stored badge (see `settle`). */
	verified: ReturnType<typeof precheckCode>;
}

/** Scans decided together in one transaction, at most this many. */
const MAX_BATCH = 64;

/**
 * Group commit (`db/group-commit.ts`): scans that arrive while a transaction is running wait for the
 * next one and are decided together, in arrival order, in one transaction of a fixed number of
 * statements (a lock on their registrations, their history, one multi-row insert). Each answer
 * still leaves only after its scan committed.
 *
 * PGlite runs one transaction at a time anyway. PostgreSQL runs a few batches at once; batches
 * touching the same badge are serialised by the registration lock, taken in id order so two
 * batches never deadlock.
 */
const queue = groupCommit<Pending, ScanAnswer>({
	maxBatch: MAX_BATCH,
	concurrency: () => (connection?.kind === 'postgres' ? 4 : 1),
	run: scanBatch
});

export async function checkIn(scanner: Scanner, input: CheckinRequest, now = new Date()): Promise<ScanAnswer> {
	const cp = await checkpointFacts(input.checkpointId, now.getTime());
	if (!cp || !mayScanAt(scanner, cp) || cp.archived) {
		// A retried upload keeps its first answer even where it can no longer scan.
		const previous = await replay(scanner, input.scanId);
		if (previous) return previous;
		if (!cp || !mayScanAt(scanner, cp)) throw new DomainError('not_found');
		throw new DomainError('checkpoint_closed', { status: 409 });
	}
	let at = input.scannedAt ? new Date(input.scannedAt) : now;
	if (at.getTime() > now.getTime() + MAX_FUTURE_MS) at = now;
	// Shape and key id now; the signature in the batch, where the stored badge can spare it (`settle`).
	const verified = precheckCode(input.code, keyOf(cp));
	return queue.submit({ scanner, input, now, cp, at, verified });
}

const keyOf = (cp: CheckpointFacts) => (cp.kid && cp.publicKey ? { kid: cp.kid, publicKey: cp.publicKey } : { kid: '', publicKey: '' });

/**
 * A code not verified before is genuine when it is exactly the code the server issued for that
 * badge (read with the registration's lock: same event, same version); any other code, an older
 * version's included, gets the full Ed25519 verification, so every verdict is what
 * `verifyCode` would have said.
 */
function settle(batch: Pending[], regs: Map<string, Locked>) {
	for (const p of batch) {
		if (!p.verified.ok || !p.verified.unchecked) continue;
		const parsed = p.verified.parsed;
		const reg = regs.get(parsed.publicId);
		const issued = reg && reg.eventId === p.cp.eventId && reg.latest === parsed.version ? reg.latestCode : null;
		p.verified = settleCode(p.input.code, keyOf(p.cp), p.verified, issued);
	}
}

// ---------------------------------------------------------------- one transaction for a batch

type Locked = ReturnType<typeof toLocked>;

/** A scan's answer, its refusal, or `replay`: its scan id was stored by a concurrent request, answer as that one. */
type Decided = { answer: ScanAnswer } | { error: unknown } | { replay: true };

/** What the batch's decisions need, read under the registration locks. */
interface Loaded {
	regs: Map<string, Locked>;
	seen: Map<string, { answer: ScanAnswer; eventId: string; checkpointId: string }>;
	history: Map<string, HistoryRow[]>;
}

/** The writes the decisions ask for, in order: scans to insert, and earlier admissions an offline scan supersedes. */
type Write = { insert: typeof scans.$inferInsert } | { supersede: Admission; by: Admission; cp: CheckpointFacts; now: Date };

/**
 * Decides a batch in one transaction (load, decide, write) and answers each scan after the commit.
 * Throws when the transaction fails, so the engine can retry the scans one by one.
 */
async function scanBatch(batch: Pending[]): Promise<Outcome<ScanAnswer>[]> {
	let decided: Decided[];
	try {
		decided = await db.transaction(async (tx) => {
			const loaded = await load(tx, batch);
			const { decided, writes, deviceIds } = await decide(tx, batch, loaded);
			await nameDevices(tx, writes, deviceIds);
			const skipped = await write(tx, writes);
			return decided.map((d, i): Decided => ('answer' in d && skipped.has(batch[i].input.scanId) ? { replay: true } : d));
		});
	} catch (e) {
		// Alone, a unique violation means the same scan id was stored meanwhile: answer as it was.
		if (batch.length > 1 || !isUniqueViolation(e)) throw e;
		decided = [{ replay: true }];
	}
	return afterCommit(batch, decided);
}

/** 1–3. Lock the registrations, then read the scan ids seen before and the registrations' history. */
async function load(tx: Executor, batch: Pending[]): Promise<Loaded> {
	// 1. Lock every scanned registration (in id order: no deadlock between two instances).
	const publicIds = [...new Set(batch.flatMap((p) => (p.verified.ok ? [p.verified.parsed.publicId] : [])))];
	const regs = await lockRegistrations(tx, publicIds);
	settle(batch, regs);
	const regIds = [...regs.values()].map((r) => r.id);
	const cpIds = [...new Set(batch.map((p) => p.cp.id))];

	// 2. Scan ids seen before, read after the locks so a concurrent upload is visible.
	const seen: Loaded['seen'] = new Map();
	const seenRows = await tx
		.select({ scanId: scans.scanId, answer: scans.answer, eventId: scans.eventId, checkpointId: scans.checkpointId })
		.from(scans)
		.where(inArray(scans.scanId, [...new Set(batch.map((p) => p.input.scanId))]));
	for (const r of seenRows) seen.set(r.scanId, r);

	// 3. Earlier admissions and exits of those registrations, in one statement.
	const history: Loaded['history'] = new Map();
	if (regIds.length) {
		const rows = await tx
			.select({ registrationId: scans.registrationId, scanId: scans.scanId, at: scans.scannedAt, checkpointId: scans.checkpointId, deviceId: scans.deviceId, direction: scans.direction })
			.from(scans)
			.where(and(inArray(scans.registrationId, regIds), eq(scans.result, 'admitted'), or(and(inArray(scans.checkpointId, cpIds), eq(scans.direction, 'entry')), eq(scans.direction, 'exit'))))
			.orderBy(asc(scans.scannedAt));
		for (const r of rows) pushHistory(history, r.registrationId!, r);
	}
	return { regs, seen, history };
}

/**
 * 4. Decide in arrival order; each decision is history for the next scans of the batch. Reads the
 * room's session and the seat when a rule needs them; writes nothing (see `write`).
 */
async function decide(tx: Executor, batch: Pending[], { regs, seen, history }: Loaded) {
	const decided: Decided[] = [];
	const writes: Write[] = [];
	const deviceIds = new Set<string>();
	const inBatch = new Map<string, ScanAnswer>();
	for (const p of batch) {
		const { input, cp } = p;
		const prev = seen.get(input.scanId);
		if (prev) {
			if (!mayScanAt(p.scanner, { id: prev.checkpointId, eventId: prev.eventId })) decided.push({ error: new DomainError('scan_id_taken', { status: 409 }) });
			else decided.push({ answer: prev.answer });
			continue;
		}
		const twin = inBatch.get(input.scanId);
		if (twin) {
			decided.push({ answer: twin });
			continue;
		}
		const reg: Locked | null = p.verified.ok ? (regs.get(p.verified.parsed.publicId) ?? null) : null;
		const decision = decideScan(await factsOf(tx, p, reg, history));
		const deviceId = p.scanner.kind === 'device' ? p.scanner.deviceId : null;
		const answer: ScanAnswer = { scanId: input.scanId, result: decision.result, direction: cp.rules.direction, checkpointId: cp.id, scannedAt: p.at.toISOString() };
		if (decision.result === 'rejected') answer.reason = decision.reason;
		if (decision.genuine && reg) answer.attendee = reg.display;
		if (decision.result === 'already_admitted') {
			answer.firstAdmission = { at: decision.first.at.toISOString(), checkpointId: decision.first.checkpointId, checkpointName: decision.first.checkpointId === cp.id ? cp.name : null, deviceId: decision.first.deviceId, deviceName: null };
			if (decision.first.deviceId) deviceIds.add(decision.first.deviceId);
		}
		if (decision.result === 'admitted' && reg) {
			const self: Admission = { at: p.at, scanId: input.scanId, checkpointId: cp.id, deviceId };
			if (decision.supersedes) {
				// The earlier offline scan takes over (written after the batch's scans stored so far).
				writes.push({ supersede: decision.supersedes, by: self, cp, now: p.now });
				const list = history.get(reg.id)!;
				list.splice(list.findIndex((h) => h.scanId === decision.supersedes!.scanId), 1);
			}
			pushHistory(history, reg.id, { ...self, direction: cp.rules.direction });
		}
		inBatch.set(input.scanId, answer);
		writes.push({
			insert: {
				scanId: input.scanId,
				eventId: cp.eventId,
				checkpointId: cp.id,
				registrationId: reg && reg.eventId === cp.eventId ? reg.id : null,
				deviceId,
				userId: p.scanner.kind === 'user' ? p.scanner.actor.id : null,
				result: decision.result,
				reason: answer.reason ?? null,
				direction: cp.rules.direction,
				scannedAt: p.at,
				receivedAt: p.now,
				answer,
				offline: input.offline ?? false
			}
		});
		decided.push({ answer });
	}
	return { decided, writes, deviceIds };
}

/** The facts `rules.decide` answers from, for one scan. */
async function factsOf(tx: Executor, p: Pending, reg: Locked | null, history: Loaded['history']): Promise<Facts> {
	const { cp } = p;
	const badgeRevoked = reg && p.verified.ok ? !(reg.latest === p.verified.parsed.version && reg.liveVersions.includes(p.verified.parsed.version)) : false;
	const facts: Facts = {
		at: p.at,
		rules: cp.rules,
		code: p.verified.ok ? 'ok' : p.verified.reason,
		registration: reg ? { eventMatches: reg.eventId === cp.eventId, status: reg.status, categoryId: reg.categoryId, badgeRevoked } : null,
		session: null,
		hasSeat: false,
		admissions: [],
		lastExitAt: null,
		offline: p.input.offline ?? false
	};
	const live = reg !== null && reg.eventId === cp.eventId && reg.status === 'approved' && !badgeRevoked;
	if (reg && live && cp.roomId && cp.rules.direction === 'entry' && (cp.rules.followRoomSchedule || cp.rules.seatRequired)) {
		facts.session = await sessionOn(tx, cp.roomId, p.at);
		if (facts.session && (cp.rules.seatRequired || facts.session.requiresBooking)) facts.hasSeat = await hasSeat(tx, reg.id, facts.session.id);
	}
	if (reg && live && cp.rules.direction === 'entry') {
		const since = admissionScope(cp.rules, facts.session);
		for (const h of history.get(reg.id) ?? []) {
			if (h.direction === 'exit') facts.lastExitAt = h.at;
			else if (h.checkpointId === cp.id && (!since || h.at.getTime() >= since.getTime())) facts.admissions.push(h);
		}
	}
	return facts;
}

/** 5. Device names for "already admitted at … by …", in one statement. */
async function nameDevices(tx: Executor, writes: Write[], deviceIds: Set<string>) {
	if (!deviceIds.size) return;
	const names = new Map((await tx.select({ id: devices.id, name: devices.name }).from(devices).where(inArray(devices.id, [...deviceIds]))).map((d) => [d.id, d.name]));
	for (const w of writes) {
		const first = 'insert' in w ? w.insert.answer!.firstAdmission : undefined;
		if (first?.deviceId) first.deviceName = names.get(first.deviceId) ?? null;
	}
}

/**
 * 6. The writes: one insert for the batch's scans (split only where an offline scan supersedes an
 * admission, which must be stored first). Returns the scan ids another instance stored meanwhile (a
 * retried upload sent to two servers): skipped here, answered from the stored row after the commit.
 */
async function write(tx: Executor, writes: Write[]): Promise<Set<string>> {
	const skipped = new Set<string>();
	let rows: (typeof scans.$inferInsert)[] = [];
	const flush = async () => {
		if (!rows.length) return;
		const stored = new Set((await tx.insert(scans).values(rows).onConflictDoNothing({ target: scans.scanId }).returning({ scanId: scans.scanId })).map((r) => r.scanId));
		for (const r of rows) if (!stored.has(r.scanId)) skipped.add(r.scanId);
		rows = [];
	};
	for (const w of writes) {
		if ('insert' in w) rows.push(w.insert);
		else {
			await flush();
			await supersede(tx, w.supersede, w.by, w.cp, w.now);
		}
	}
	await flush();
	return skipped;
}

/** After the commit: answers (replays read afresh), and the live dashboards of the events told. */
async function afterCommit(batch: Pending[], decided: Decided[]): Promise<Outcome<ScanAnswer>[]> {
	const events = new Set<string>();
	const outcomes = await Promise.all(
		batch.map(async (p, i): Promise<Outcome<ScanAnswer>> => {
			const d = decided[i];
			if ('error' in d) return { ok: false, error: d.error };
			if ('answer' in d) {
				events.add(p.cp.eventId);
				return { ok: true, value: d.answer };
			}
			// The same scan id was stored by a concurrent request: answer as it did.
			try {
				const again = await replay(p.scanner, p.input.scanId);
				return again ? { ok: true, value: again } : { ok: false, error: new DomainError('scan_id_taken', { status: 409 }) };
			} catch (error) {
				return { ok: false, error };
			}
		})
	);
	for (const eventId of events) connection?.notify(NOTIFY_CHANNEL, JSON.stringify({ eventId })).catch(() => {});
	return outcomes;
}

interface HistoryRow {
	scanId: string;
	at: Date;
	checkpointId: string;
	deviceId: string | null;
	direction: 'entry' | 'exit';
}

function pushHistory(history: Map<string, HistoryRow[]>, registrationId: string, row: HistoryRow) {
	let list = history.get(registrationId);
	if (!list) history.set(registrationId, (list = []));
	list.push(row);
	list.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Locks the registrations behind the scanned public ids, with what a badge check needs. */
async function lockRegistrations(tx: Executor, publicIds: string[]) {
	const out = new Map<string, ReturnType<typeof toLocked>>();
	if (!publicIds.length) return out;
	const rows = await tx
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
			latest: sql<number | null>`(select max(b.version) from ${badges} b where b.registration_id = ${registrations.id})`.mapWith(Number),
			live: sql<string | null>`(select string_agg(b.version::text, ',') from ${badges} b where b.registration_id = ${registrations.id} and b.revoked_at is null)`,
			// The newest badge's code as issued: a scan of exactly this code needs no signature check.
			latestCode: sql<string | null>`(select b.code from ${badges} b where b.registration_id = ${registrations.id} order by b.version desc limit 1)`
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(inArray(registrations.publicId, publicIds))
		.orderBy(asc(registrations.id))
		.for('update', { of: registrations });
	for (const r of rows) out.set(r.publicId, toLocked(r));
	return out;
}

function toLocked(row: {
	id: string;
	eventId: string;
	status: 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'cancelled';
	categoryId: string;
	publicId: string;
	name: string;
	nameZh: string | null;
	organization: string | null;
	categoryName: { zh: string; en: string };
	categoryColor: string;
	latest: number | null;
	live: string | null;
	latestCode: string | null;
}) {
	return {
		id: row.id,
		eventId: row.eventId,
		status: row.status,
		categoryId: row.categoryId,
		latest: row.latest,
		latestCode: row.latestCode,
		liveVersions: row.live ? row.live.split(',').map(Number) : [],
		display: {
			publicId: row.publicId,
			name: row.name,
			nameZh: row.nameZh,
			organization: row.organization,
			category: { id: row.categoryId, name: row.categoryName, color: row.categoryColor }
		}
	};
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
