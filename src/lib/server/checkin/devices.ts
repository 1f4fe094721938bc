/**
 * Scanner devices: a phone paired with an event's checkpoints by scanning a one-time pairing QR an
 * organizer shows, so nobody types a staff password on a shared phone. The device then holds a
 * bearer token (`hwd_` + 160 random bits); only hashes are stored, and a revoked device stops at
 * once on every instance (a broadcast invalidation), at the latest after the cache time.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db';
import { devices, checkpoints } from './tables';
import { events } from '../events/tables';
import { generateToken, hashToken } from '../auth/tokens';
import { DomainError } from '../errors';
import { requireArea, mayEnter, type Actor } from '../auth/access';
import { record } from '../audit';
import { broadcast } from '../invalidation';
import { cache as newCache } from '../cache';

export const DEVICE_TOKEN_PREFIX = 'hwd_';
const PAIRING_TTL_MS = 15 * 60_000;
const CACHE_MS = 5_000;

export interface DeviceScanner {
	kind: 'device';
	deviceId: string;
	eventId: string;
	checkpointIds: string[];
	name: string;
}
export interface UserScanner {
	kind: 'user';
	actor: Actor;
}
/** Whoever scans: a paired device (one event, some checkpoints) or a staff account (any event). */
export type Scanner = DeviceScanner | UserScanner;

const cache = newCache<DeviceScanner | null>({ max: 10_000, ttlMs: CACHE_MS, invalidateOn: { topic: 'device', drop: 'key' } });

export async function createDevice(actor: Actor, eventId: string, input: { name: string; checkpointIds: string[] }, now = new Date()) {
	requireArea(actor, 'organizer');
	const own = await db.select({ id: checkpoints.id }).from(checkpoints).where(eq(checkpoints.eventId, eventId));
	const ids = new Set(own.map((c) => c.id));
	if (!input.checkpointIds.length || input.checkpointIds.some((id) => !ids.has(id))) {
		throw new DomainError('invalid_input', { fields: { checkpointIds: ['v_invalid'] } });
	}
	const pairingCode = generateToken();
	const [row] = await db
		.insert(devices)
		.values({
			eventId,
			name: input.name,
			checkpointIds: [...new Set(input.checkpointIds)],
			pairingHash: hashToken(pairingCode),
			pairingExpiresAt: new Date(now.getTime() + PAIRING_TTL_MS),
			createdBy: actor.id
		})
		.returning({ id: devices.id, pairingExpiresAt: devices.pairingExpiresAt });
	await record(actor, 'checkin.device_create', { targetType: 'device', targetId: row.id, eventId, data: { name: input.name } });
	return { deviceId: row.id, pairingCode, expiresAt: row.pairingExpiresAt! };
}

/** Redeems a pairing code once: burns it and returns the device token, shown only now. */
export async function pair(code: string, now = new Date()) {
	const token = DEVICE_TOKEN_PREFIX + generateToken();
	const [row] = await db
		.update(devices)
		.set({ pairingHash: null, pairingExpiresAt: null, tokenHash: hashToken(token), pairedAt: now, lastSeenAt: now })
		.where(and(eq(devices.pairingHash, hashToken(code)), gt(devices.pairingExpiresAt, now), isNull(devices.revokedAt)))
		.returning({ id: devices.id, eventId: devices.eventId, name: devices.name, checkpointIds: devices.checkpointIds });
	if (!row) throw new DomainError('pairing_invalid', { status: 400 });
	const [event] = await db.select({ slug: events.slug }).from(events).where(eq(events.id, row.eventId)).limit(1);
	return { token, device: { ...row, eventSlug: event.slug } };
}

export async function listDevices(actor: Actor, eventId: string) {
	requireArea(actor, 'organizer');
	return db
		.select({
			id: devices.id,
			name: devices.name,
			checkpointIds: devices.checkpointIds,
			pairedAt: devices.pairedAt,
			pairingExpiresAt: devices.pairingExpiresAt,
			revokedAt: devices.revokedAt,
			lastSeenAt: devices.lastSeenAt,
			createdAt: devices.createdAt
		})
		.from(devices)
		.where(eq(devices.eventId, eventId))
		.orderBy(desc(devices.createdAt));
}

export async function revokeDevice(actor: Actor, eventId: string, deviceId: string, now = new Date()) {
	requireArea(actor, 'organizer');
	const res = await db
		.update(devices)
		.set({ revokedAt: now, pairingHash: null })
		.where(and(eq(devices.id, deviceId), eq(devices.eventId, eventId), isNull(devices.revokedAt)))
		.returning({ hash: devices.tokenHash });
	if (!res.length) throw new DomainError('not_found');
	// Every instance forgets the device at once (the cache time bounds it should a notice be lost).
	if (res[0].hash) await broadcast('device', res[0].hash);
	await record(actor, 'checkin.device_revoke', { targetType: 'device', targetId: deviceId, eventId });
}

export async function authenticateDevice(token: string, now = new Date()): Promise<DeviceScanner | null> {
	if (!token.startsWith(DEVICE_TOKEN_PREFIX) || token.length > 100) return null;
	const hash = hashToken(token);
	const hit = cache.get(hash, now.getTime());
	if (hit !== undefined) return hit;
	const [row] = await db.select().from(devices).where(eq(devices.tokenHash, hash)).limit(1);
	let device: DeviceScanner | null = null;
	if (row && !row.revokedAt) {
		device = { kind: 'device', deviceId: row.id, eventId: row.eventId, checkpointIds: row.checkpointIds, name: row.name };
		if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > 60_000) {
			await db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, row.id));
		}
	}
	cache.set(hash, device, now.getTime());
	return device;
}

/**
 * The scanner behind a request: a device token in `Authorization: Bearer hwd_...`, else a
 * signed-in staff, organizer or admin (session cookie or API token).
 */
export async function resolveScanner(deviceToken: string | null, user: Actor | null): Promise<Scanner> {
	if (deviceToken) {
		const device = await authenticateDevice(deviceToken);
		if (!device) throw new DomainError('invalid_token');
		return device;
	}
	if (!user) throw new DomainError('unauthenticated');
	if (!mayEnter(user, 'staff')) throw new DomainError('forbidden');
	return { kind: 'user', actor: user };
}

/**
 * The device token of a request, from `Authorization: Bearer hwd_...` only: the scanner page keeps
 * it in localStorage and sends it explicitly, so no ambient cookie can be ridden cross-site.
 */
export function deviceTokenOf(authorization: string | null): string | null {
	if (!authorization?.toLowerCase().startsWith('bearer ')) return null;
	const t = authorization.slice(7).trim();
	return t.startsWith(DEVICE_TOKEN_PREFIX) ? t : null;
}

export function clearDeviceCache() {
	cache.clear();
}
