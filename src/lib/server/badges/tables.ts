import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from '../db/columns';
import { events } from '../events/tables';
import { registrations } from '../registrations/tables';

/**
 * Each event's Ed25519 signing key. The private key never leaves the server; scanners receive the
 * public key. `kid` (key id) is carried in every badge code so a scanner can tell another event's
 * badge from a forged one.
 */
export const eventKeys = pgTable('event_keys', {
	eventId: uuid('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	kid: text('kid').notNull(),
	/** Raw 32-byte public key, base64url. */
	publicKey: text('public_key').notNull(),
	/** PKCS#8 DER private key, base64. */
	privateKey: text('private_key').notNull(),
	createdAt: createdAt()
});

/** Every badge ever issued; a reissue adds version n+1 and revokes n. */
export const badges = pgTable(
	'badges',
	{
		registrationId: uuid('registration_id')
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		issuedAt: createdAt(),
		revokedAt: instant('revoked_at'),
		/** reissued | cancelled | rejected | erased */
		revokeReason: text('revoke_reason')
	},
	(t) => [primaryKey({ columns: [t.registrationId, t.version] }), index('badges_event_revoked_idx').on(t.eventId, t.revokedAt)]
);
