import { date, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, i18nText, id, instant, updatedAt } from '../db/columns';
import { events } from '../events/tables';
import { registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import { partners } from '../partners/tables';

/**
 * Per edition: who the host is on the letter, the letterhead and seal images (paths under
 * DATA_DIR/uploads/visa), the letter number prefix and how long passport data is kept.
 */
export const visaSettings = pgTable('visa_settings', {
	eventId: uuid('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	hostName: i18nText('host_name').notNull(),
	hostAddress: i18nText('host_address').notNull(),
	contactName: text('contact_name').notNull(),
	contactPhone: text('contact_phone').notNull(),
	contactEmail: text('contact_email').notNull(),
	signatoryName: i18nText('signatory_name').notNull(),
	signatoryTitle: i18nText('signatory_title').notNull(),
	numberPrefix: text('number_prefix').notNull(),
	/** Days after the edition's last day when passport numbers and dates of birth are erased; null: VISA_PURGE_DAYS (30). */
	purgeAfterDays: integer('purge_after_days'),
	letterhead: text('letterhead'),
	seal: text('seal'),
	updatedAt: updatedAt()
});

/**
 * The letter counter of an edition: `last` is the number of the latest letter. The approving
 * transaction locks this row (FOR UPDATE), takes last + 1 and writes the letter; a rollback gives
 * the number back, so numbers stay gapless under concurrent approvals.
 */
export const visaCounters = pgTable('visa_counters', {
	eventId: uuid('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	last: integer('last').notNull().default(0)
});

export const visaRequestStatusEnum = pgEnum('visa_request_status', ['submitted', 'correction', 'approved', 'rejected', 'revoked', 'withdrawn']);

/**
 * A request for an invitation letter, one per registration. The passport number and the date of
 * birth are AES-256-GCM ciphertexts (crypto.ts), bound to the row id and column; the purge sets
 * them to null and keeps the rest.
 */
export const visaRequests = pgTable(
	'visa_requests',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		registrationId: uuid('registration_id')
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Set when a partner representative asked for its delegate. */
		partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'set null' }),
		requestedBy: uuid('requested_by').notNull(),
		status: visaRequestStatusEnum('status').notNull().default('submitted'),
		passportName: text('passport_name').notNull(),
		nationality: text('nationality').notNull(),
		sex: text('sex').notNull(),
		passportNumberEnc: text('passport_number_enc'),
		dateOfBirthEnc: text('date_of_birth_enc'),
		passportExpiry: date('passport_expiry'),
		employer: text('employer').notNull(),
		position: text('position').notNull(),
		entryDate: date('entry_date').notNull(),
		exitDate: date('exit_date').notNull(),
		consulate: text('consulate').notNull(),
		entries: text('entries').notNull(),
		/** The organizers' reason (rejection) or what to correct. */
		note: text('note'),
		decidedBy: uuid('decided_by'),
		decidedAt: instant('decided_at'),
		purgedAt: instant('purged_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('visa_requests_registration_key').on(t.registrationId),
		index('visa_requests_event_status_idx').on(t.eventId, t.status),
		index('visa_requests_partner_idx').on(t.partnerId, t.eventId)
	]
);

/**
 * Issued letters. The fields a consulate checks are copied here and signed with the edition's
 * Ed25519 key (verify.ts); the row stays when passport data is purged. A correction revokes the
 * letter and the next approval issues a new one with the next number.
 */
export const visaLetters = pgTable(
	'visa_letters',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		requestId: uuid('request_id')
			.notNull()
			.references(() => visaRequests.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		number: text('number').notNull(),
		/** The short id in the verification URL. */
		verifyId: text('verify_id').notNull(),
		passportName: text('passport_name').notNull(),
		nationality: text('nationality').notNull(),
		entryDate: date('entry_date').notNull(),
		exitDate: date('exit_date').notNull(),
		entries: text('entries').notNull(),
		issuedAt: instant('issued_at').notNull(),
		kid: text('kid').notNull(),
		signature: text('signature').notNull(),
		revokedAt: instant('revoked_at'),
		revokeReason: text('revoke_reason'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('visa_letters_event_seq_key').on(t.eventId, t.seq),
		uniqueIndex('visa_letters_verify_key').on(t.verifyId),
		uniqueIndex('visa_letters_current_key').on(t.requestId).where(sql`revoked_at is null`)
	]
);
