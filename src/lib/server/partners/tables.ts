import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid, doublePrecision } from 'drizzle-orm/pg-core';
import { createdAt, i18nText, id, instant } from '../db/columns';
import { events } from '../events/tables';
import { categories } from '../registrations/tables';

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
		projectQuota: integer('project_quota').notNull().default(0),
		/**
		 * The registration category this partner's delegates register in, chosen by organizers; null
		 * means the edition's standard one (`overseas-talent`). A deleted category falls back to it.
		 */
		categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.partnerId, t.eventId] }), index('partner_editions_event_idx').on(t.eventId)]
);

export const invitationStatusEnum = pgEnum('partner_invitation_status', ['invited', 'accepted', 'withdrawn']);

/**
 * Organizers invite partner representatives by mail. The link binds (or creates) one account to the
 * partner; only the SHA-256 of the token is kept, it is single use (`acceptedAt`) and expires.
 */
export const partnerRepInvites = pgTable(
	'partner_rep_invites',
	{
		id: id(),
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull(),
		expiresAt: instant('expires_at').notNull(),
		acceptedAt: instant('accepted_at'),
		userId: uuid('user_id'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('partner_rep_invites_token_key').on(t.tokenHash), index('partner_rep_invites_partner_idx').on(t.partnerId)]
);

/**
 * Delegates nominated by a partner for one edition. Each nominee holds a personal invitation
 * (token stored hashed, expiring); `accepted` rows and `invited` ones not yet expired count against
 * the delegate quota (delegates.holdsPlace), `withdrawn` and expired ones free their place.
 */
export const delegates = pgTable(
	'partner_delegates',
	{
		id: id(),
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' }),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		institution: text('institution'),
		country: text('country'),
		field: text('field'),
		degree: text('degree'),
		bio: text('bio'),
		/**
		 * The category organizers chose for this one nomination; null follows the partner's default for
		 * the edition, resolved when the invitation is accepted (delegates.categoryFor).
		 */
		categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
		status: invitationStatusEnum('status').notNull().default('invited'),
		tokenHash: text('token_hash').notNull(),
		expiresAt: instant('expires_at').notNull(),
		sentAt: instant('sent_at').notNull().defaultNow(),
		acceptedAt: instant('accepted_at'),
		userId: uuid('user_id'),
		registrationId: uuid('registration_id'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('partner_delegates_token_key').on(t.tokenHash),
		index('partner_delegates_partner_event_idx').on(t.partnerId, t.eventId, t.status)
	]
);

export const projectStatusEnum = pgEnum('project_status', ['submitted', 'shortlisted', 'declined', 'withdrawn']);

/** Projects a partner submits for its delegates; shortlisted ones get a pitch slot in a roadshow session. */
export const projects = pgTable(
	'partner_projects',
	{
		id: id(),
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' }),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		delegateId: uuid('delegate_id')
			.notNull()
			.references(() => delegates.id, { onDelete: 'cascade' }),
		title: i18nText('title').notNull(),
		field: text('field').notNull(),
		stage: text('stage').notNull(),
		/** Funding sought, in whole US dollars. */
		fundingSought: integer('funding_sought'),
		summary: text('summary').notNull(),
		/** Path under DATA_DIR/uploads; never under the web root. */
		deckPath: text('deck_path'),
		deckSize: integer('deck_size'),
		status: projectStatusEnum('status').notNull().default('submitted'),
		/** The roadshow session (program_sessions.id) and the pitch slot inside it. */
		sessionId: uuid('session_id'),
		pitchStartsAt: instant('pitch_starts_at'),
		pitchMinutes: integer('pitch_minutes'),
		createdAt: createdAt()
	},
	(t) => [index('partner_projects_partner_event_idx').on(t.partnerId, t.eventId), index('partner_projects_session_idx').on(t.sessionId)]
);
