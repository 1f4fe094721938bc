import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { createdAt, i18nText, id, instant, updatedAt } from '../db/columns';
import { events } from '../events/tables';
import { partners } from '../partners/tables';
import { users } from '../auth/tables';

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
		index('registrations_event_status_idx').on(t.eventId, t.status)
	]
);
