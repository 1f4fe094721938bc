import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, i18nText, id, instant } from '../db/columns';
import { events } from '../events/tables';
import { rooms, venues } from '../schedule/tables';
import { registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import type { CheckpointRules } from '$lib/checkin/rules';
import type { ScanAnswer } from '$lib/checkin/types';

export const checkpointKindEnum = pgEnum('checkpoint_kind', ['entrance', 'venue_door', 'session_room']);
export const scanDirectionEnum = pgEnum('scan_direction', ['entry', 'exit']);
export const scanResultEnum = pgEnum('scan_result', ['admitted', 'already_admitted', 'rejected']);

export type { CheckpointRules } from '$lib/checkin/rules';

export const checkpoints = pgTable(
	'checkpoints',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		name: i18nText('name').notNull(),
		kind: checkpointKindEnum('kind').notNull(),
		venueId: uuid('venue_id').references(() => venues.id, { onDelete: 'set null' }),
		roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
		rules: jsonb('rules').$type<CheckpointRules>().notNull(),
		position: integer('position').notNull().default(0),
		archivedAt: instant('archived_at'),
		createdAt: createdAt()
	},
	(t) => [index('checkpoints_event_idx').on(t.eventId)]
);

/**
 * Paired scanner phones. The device holds a random bearer token (`hwd_...`); only its SHA-256 is
 * kept. A device belongs to one event and may scan only at its checkpoints. Pairing is a one-time
 * code shown as a QR by an organizer: redeeming it mints the token and burns the code.
 */
export const devices = pgTable(
	'devices',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		checkpointIds: uuid('checkpoint_ids').array().notNull(),
		/** SHA-256 of the one-time pairing code, cleared once redeemed. */
		pairingHash: text('pairing_hash'),
		pairingExpiresAt: instant('pairing_expires_at'),
		/** SHA-256 of the device token, set at pairing. */
		tokenHash: text('token_hash'),
		pairedAt: instant('paired_at'),
		revokedAt: instant('revoked_at'),
		lastSeenAt: instant('last_seen_at'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('devices_event_idx').on(t.eventId),
		uniqueIndex('devices_token_hash_key').on(t.tokenHash),
		uniqueIndex('devices_pairing_hash_key').on(t.pairingHash)
	]
);

export type { ScanAnswer } from '$lib/checkin/types';

/** Every scan attempt, rejected ones too. */
export const scans = pgTable(
	'scans',
	{
		id: id(),
		/** Client-generated; makes retries and offline uploads idempotent. */
		scanId: text('scan_id').notNull(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		checkpointId: uuid('checkpoint_id')
			.notNull()
			.references(() => checkpoints.id, { onDelete: 'cascade' }),
		registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
		deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'set null' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		result: scanResultEnum('result').notNull(),
		reason: text('reason'),
		direction: scanDirectionEnum('direction').notNull(),
		/** Device clock at the scan (offline scans arrive later). */
		scannedAt: instant('scanned_at').notNull(),
		receivedAt: createdAt(),
		/** Set when a later-arriving, earlier offline scan took over the admission. */
		revisedAt: instant('revised_at'),
		answer: jsonb('answer').$type<ScanAnswer>().notNull(),
		offline: boolean('offline').notNull().default(false)
	},
	(t) => [
		uniqueIndex('scans_scan_id_key').on(t.scanId),
		index('scans_registration_idx').on(t.registrationId, t.checkpointId, t.scannedAt),
		index('scans_checkpoint_time_idx').on(t.checkpointId, t.scannedAt),
		index('scans_event_time_idx').on(t.eventId, t.scannedAt),
		index('scans_device_revised_idx').on(t.deviceId, t.revisedAt),
		// Admissions only: a badge's history (every scan decides from it) and the organizer list's
		// "checked in" filter read these, and stay as cheap however many re-scans a badge collects.
		index('scans_admitted_idx')
			.on(t.registrationId, t.scannedAt)
			.where(sql`${t.result} = 'admitted'`)
	]
);
