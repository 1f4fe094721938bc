import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, i18nText, id, instant, updatedAt } from '../db/columns';
import { events } from '../events/tables';
import { partners } from '../partners/tables';
import { users } from '../auth/tables';
import { programSessions } from '../schedule/tables';

export interface Question {
	key: string;
	label: { zh: string; en: string };
	type: 'text' | 'single' | 'multiple' | 'country' | 'date' | 'yesno';
	required: boolean;
	options?: { value: string; label: { zh: string; en: string } }[];
}

/** Registration categories: overseas talent, enterprise, investor... each with its capacity. */
export const categories = pgTable(
	'categories',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		name: i18nText('name').notNull(),
		/** Null means unlimited. */
		capacity: integer('capacity'),
		requiresApproval: boolean('requires_approval').notNull().default(true),
		opensAt: instant('opens_at'),
		closesAt: instant('closes_at'),
		color: text('color').notNull().default('#1d4ed8'),
		questions: jsonb('questions').$type<Question[]>().notNull().default([]),
		position: integer('position').notNull().default(0)
	},
	(t) => [uniqueIndex('categories_event_slug_key').on(t.eventId, t.slug)]
);

export const registrationStatusEnum = pgEnum('registration_status', [
	'pending',
	'approved',
	'waitlisted',
	'rejected',
	'cancelled'
]);

export const registrations = pgTable(
	'registrations',
	{
		id: id(),
		/** Monotonic order of arrival: the waitlist is served by it, first come first served. */
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		/** Short public id carried in the badge code. */
		publicId: text('public_id').notNull(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		categoryId: uuid('category_id')
			.notNull()
			.references(() => categories.id, { onDelete: 'restrict' }),
		partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'set null' }),
		status: registrationStatusEnum('status').notNull(),
		answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
		country: text('country'),
		field: text('field'),
		consentVersion: text('consent_version'),
		consentAt: instant('consent_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('registrations_event_user_key').on(t.eventId, t.userId),
		uniqueIndex('registrations_public_id_key').on(t.publicId),
		index('registrations_category_status_idx').on(t.categoryId, t.status, t.seq),
		index('registrations_event_status_idx').on(t.eventId, t.status),
		// The organizer list's hot filters and its default order (arrival), each scoped to the event.
		index('registrations_event_seq_idx').on(t.eventId, t.seq),
		index('registrations_event_category_idx').on(t.eventId, t.categoryId, t.seq),
		index('registrations_event_partner_idx').on(t.eventId, t.partnerId),
		index('registrations_event_country_idx').on(t.eventId, t.country),
		index('registrations_event_field_idx').on(t.eventId, t.field),
		index('registrations_user_idx').on(t.userId)
	]
);

export const seatStatusEnum = pgEnum('seat_status', ['booked', 'waitlisted', 'cancelled']);

/**
 * Seats in sessions that need booking. `seq` orders a session's waitlist (first come, first served).
 * At most one live (booked or waitlisted) row per person and session: a double submit cannot book twice.
 */
export const seatBookings = pgTable(
	'seat_bookings',
	{
		id: id(),
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => programSessions.id, { onDelete: 'cascade' }),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		registrationId: uuid('registration_id')
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: seatStatusEnum('status').notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('seat_bookings_live_key').on(t.sessionId, t.userId).where(sql`status <> 'cancelled'`),
		index('seat_bookings_session_status_idx').on(t.sessionId, t.status, t.seq),
		index('seat_bookings_user_idx').on(t.userId, t.status)
	]
);
