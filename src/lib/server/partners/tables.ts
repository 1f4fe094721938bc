import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid, doublePrecision } from 'drizzle-orm/pg-core';
import { createdAt, i18nText, id } from '../db/columns';
import { events } from '../events/tables';

export const partnerKindEnum = pgEnum('partner_kind', [
	'workstation',
	'association',
	'innovation_center',
	'accelerator',
	'company',
	'university'
]);
export const partnerStatusEnum = pgEnum('partner_status', ['active', 'suspended']);

export interface PartnerContact {
	name: string;
	email: string;
	phone?: string;
	role?: string;
}

/** Overseas workstations (海外工作站) and other partner organisations. */
export const partners = pgTable(
	'partners',
	{
		id: id(),
		slug: text('slug').notNull(),
		name: i18nText('name').notNull(),
		kind: partnerKindEnum('kind').notNull().default('workstation'),
		city: i18nText('city').notNull(),
		/** ISO 3166-1 alpha-2. */
		country: text('country').notNull(),
		timeZone: text('time_zone').notNull(),
		fields: text('fields').array().notNull(),
		website: text('website'),
		description: i18nText('description'),
		contacts: jsonb('contacts').$type<PartnerContact[]>().notNull().default([]),
		logo: text('logo'),
		plaqueYear: integer('plaque_year'),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		status: partnerStatusEnum('status').notNull().default('active'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('partners_slug_key').on(t.slug)]
);

/** A partner's place in one edition, with its quotas. */
export const partnerEditions = pgTable(
	'partner_editions',
	{
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' }),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		delegateQuota: integer('delegate_quota').notNull().default(0),
		projectQuota: integer('project_quota').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.partnerId, t.eventId] }), index('partner_editions_event_idx').on(t.eventId)]
);
