/**
 * Matchmaking (issue 14): opt-in profiles, requests, 1:1 meetings in slots of pre-matching
 * sessions at numbered tables, and what happened at and after them.
 */
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, i18nText, id, instant, updatedAt } from '../db/columns';
import { events } from '../events/tables';
import { users } from '../auth/tables';
import { registrations } from '../registrations/tables';
import { partners, projects } from '../partners/tables';
import { programSessions, rooms } from '../schedule/tables';

export const MATCH_KINDS = ['talent', 'enterprise', 'investor', 'incubator', 'government', 'research'] as const;
export const MATCH_INTENTS = ['invest', 'raise', 'partner', 'recruit', 'job', 'incubate'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
export type MatchIntent = (typeof MATCH_INTENTS)[number];
export interface MatchCap {
	openRequests: number;
	meetings: number;
}
export type MatchCaps = Partial<Record<MatchKind, MatchCap>>;

export const matchSchedulingEnum = pgEnum('match_scheduling', ['self', 'organizer']);
export const matchKindEnum = pgEnum('match_kind', MATCH_KINDS);
export const matchRequestStatusEnum = pgEnum('match_request_status', ['pending', 'accepted', 'declined', 'expired', 'withdrawn']);
export const matchMeetingStatusEnum = pgEnum('match_meeting_status', ['unscheduled', 'scheduled', 'held', 'no_show', 'cancelled']);
export const matchOutcomeEnum = pgEnum('match_outcome', ['talks', 'agreement', 'company_founded', 'none']);

/**
 * Per edition. The row is also the edition's matchmaking lock: accepting into a slot, placing a
 * meeting and scheduling all take `SELECT … FOR UPDATE` on it first, so two of them never
 * double-book a person or a table.
 */
export const matchSettings = pgTable('match_settings', {
	eventId: uuid('event_id')
		.primaryKey()
		.references(() => events.id, { onDelete: 'cascade' }),
	scheduling: matchSchedulingEnum('scheduling').notNull().default('self'),
	requestTtlHours: integer('request_ttl_hours').notNull().default(72),
	caps: jsonb('caps').$type<MatchCaps>().notNull().default({}),
	walkMinutes: integer('walk_minutes').notNull().default(5),
	/** Days after a held meeting when the follow-up question (talks, agreement, company founded) is mailed. */
	followUpDays: integer('follow_up_days').notNull().default(90),
	schedulePublishedAt: instant('schedule_published_at'),
	updatedAt: updatedAt()
});

export const matchProfiles = pgTable(
	'match_profiles',
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
		/** Opt-in: an unlisted profile is never listed, searched or recommended. */
		listed: boolean('listed').notNull().default(false),
		kind: matchKindEnum('kind').notNull(),
		organization: text('organization').notNull().default(''),
		title: text('title').notNull().default(''),
		/** Track slugs of the edition. */
		sectors: jsonb('sectors').$type<string[]>().notNull().default([]),
		offers: jsonb('offers').$type<MatchIntent[]>().notNull().default([]),
		seeks: jsonb('seeks').$type<MatchIntent[]>().notNull().default([]),
		pitch: i18nText('pitch').notNull().default({ zh: '', en: '' }),
		/** BCP 47 primary tags: zh, en, ja... */
		languages: jsonb('languages').$type<string[]>().notNull().default([]),
		/** Contact: shown only to someone with an accepted meeting. */
		phone: text('phone'),
		/** Path under DATA_DIR/uploads. */
		photo: text('photo'),
		/** IANA zone the person lives in (remote meetings show both zones); null: the event's. */
		timeZone: text('time_zone'),
		/** Lower-case: names in both scripts, full pinyin and initials of the Chinese name, organization. */
		searchText: text('search_text').notNull().default(''),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('match_profiles_registration_key').on(t.registrationId),
		uniqueIndex('match_profiles_event_user_key').on(t.eventId, t.userId),
		index('match_profiles_event_listed_idx').on(t.eventId, t.listed, t.kind)
	]
);

/** An enterprise's open positions, so talent can ask to meet about one. */
export const matchOpenings = pgTable(
	'match_openings',
	{
		id: id(),
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		title: i18nText('title').notNull(),
		sector: text('sector').notNull(),
		city: text('city').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [index('match_openings_profile_idx').on(t.profileId)]
);

export const matchProfileProjects = pgTable(
	'match_profile_projects',
	{
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		projectId: uuid('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.profileId, t.projectId] })]
);

/** A pre-matching program session configured for meetings. */
export const matchSessions = pgTable('match_sessions', {
	sessionId: uuid('session_id')
		.primaryKey()
		.references(() => programSessions.id, { onDelete: 'cascade' }),
	eventId: uuid('event_id')
		.notNull()
		.references(() => events.id, { onDelete: 'cascade' }),
	slotMinutes: integer('slot_minutes').notNull(),
	gapMinutes: integer('gap_minutes').notNull().default(5),
	tableCount: integer('table_count').notNull(),
	updatedAt: updatedAt()
});

export const matchSlots = pgTable(
	'match_slots',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => matchSessions.sessionId, { onDelete: 'cascade' }),
		roomId: uuid('room_id')
			.notNull()
			.references(() => rooms.id, { onDelete: 'cascade' }),
		/** 1, 2, 3… within the session. */
		position: integer('position').notNull(),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull()
	},
	(t) => [index('match_slots_event_idx').on(t.eventId, t.startsAt), uniqueIndex('match_slots_session_position_key').on(t.sessionId, t.position)]
);

export const matchTables = pgTable(
	'match_tables',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => matchSessions.sessionId, { onDelete: 'cascade' }),
		roomId: uuid('room_id')
			.notNull()
			.references(() => rooms.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		/** An exhibitor's or enterprise's own table: it hosts only that profile's meetings. */
		fixedProfileId: uuid('fixed_profile_id').references(() => matchProfiles.id, { onDelete: 'set null' })
	},
	(t) => [uniqueIndex('match_tables_session_number_key').on(t.sessionId, t.number)]
);

export const matchUnavailability = pgTable(
	'match_unavailability',
	{
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		slotId: uuid('slot_id')
			.notNull()
			.references(() => matchSlots.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.profileId, t.slotId] })]
);

export const matchRequests = pgTable(
	'match_requests',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		fromProfileId: uuid('from_profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		toProfileId: uuid('to_profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		message: text('message').notNull().default(''),
		openingId: uuid('opening_id').references(() => matchOpenings.id, { onDelete: 'set null' }),
		projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
		status: matchRequestStatusEnum('status').notNull().default('pending'),
		/** A brokered proposal: an organizer or a partner representative proposed it; both sides must accept. */
		brokeredBy: uuid('brokered_by').references(() => users.id, { onDelete: 'set null' }),
		brokerPartnerId: uuid('broker_partner_id').references(() => partners.id, { onDelete: 'set null' }),
		fromAccepted: boolean('from_accepted').notNull().default(true),
		toAccepted: boolean('to_accepted').notNull().default(false),
		expiresAt: instant('expires_at').notNull(),
		decidedAt: instant('decided_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('match_requests_from_idx').on(t.fromProfileId, t.status),
		index('match_requests_to_idx').on(t.toProfileId, t.status),
		index('match_requests_event_status_idx').on(t.eventId, t.status, t.expiresAt),
		// One live request per pair and direction.
		uniqueIndex('match_requests_pending_pair_key').on(t.fromProfileId, t.toProfileId).where(sql`status = 'pending'`)
	]
);

export const matchMeetings = pgTable(
	'match_meetings',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		requestId: uuid('request_id')
			.notNull()
			.references(() => matchRequests.id, { onDelete: 'cascade' }),
		aProfileId: uuid('a_profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		bProfileId: uuid('b_profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		slotId: uuid('slot_id').references(() => matchSlots.id, { onDelete: 'set null' }),
		tableId: uuid('table_id').references(() => matchTables.id, { onDelete: 'set null' }),
		remote: boolean('remote').notNull().default(false),
		videoUrl: text('video_url'),
		/** Remote meetings: their own time. In-person meetings: the slot's. */
		startsAt: instant('starts_at'),
		endsAt: instant('ends_at'),
		/** Organizer lock: the scheduler never moves it. */
		locked: boolean('locked').notNull().default(false),
		status: matchMeetingStatusEnum('status').notNull().default('unscheduled'),
		/** iCal SEQUENCE: raised on every move. */
		sequence: integer('sequence').notNull().default(0),
		heldAt: instant('held_at'),
		heldBy: uuid('held_by'),
		/** 'a' | 'b' | 'both' once a no-show is recorded. */
		noShowSide: text('no_show_side'),
		/** Each side's own account: 'held' | 'other_absent' | 'i_was_absent' | 'cancelled'. */
		aReport: text('a_report'),
		bReport: text('b_report'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('match_meetings_request_key').on(t.requestId),
		uniqueIndex('match_meetings_slot_table_key').on(t.slotId, t.tableId).where(sql`status <> 'cancelled' and slot_id is not null`),
		index('match_meetings_event_status_idx').on(t.eventId, t.status),
		index('match_meetings_a_idx').on(t.aProfileId),
		index('match_meetings_b_idx').on(t.bProfileId)
	]
);

/** One row per person and slot of a live meeting: nobody sits in two meetings of one slot. */
export const matchMeetingSeats = pgTable(
	'match_meeting_seats',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => matchMeetings.id, { onDelete: 'cascade' }),
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		slotId: uuid('slot_id')
			.notNull()
			.references(() => matchSlots.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.profileId] }), uniqueIndex('match_meeting_seats_profile_slot_key').on(t.profileId, t.slotId)]
);

export const matchRatings = pgTable(
	'match_ratings',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => matchMeetings.id, { onDelete: 'cascade' }),
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		stars: smallint('stars').notNull(),
		followUp: boolean('follow_up').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.profileId] })]
);

export const matchOutcomes = pgTable(
	'match_outcomes',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => matchMeetings.id, { onDelete: 'cascade' }),
		profileId: uuid('profile_id')
			.notNull()
			.references(() => matchProfiles.id, { onDelete: 'cascade' }),
		outcome: matchOutcomeEnum('outcome'),
		askedAt: instant('asked_at').notNull().defaultNow(),
		answeredAt: instant('answered_at')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.profileId] })]
);

export const matchScheduleRuns = pgTable(
	'match_schedule_runs',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		by: uuid('by').references(() => users.id, { onDelete: 'set null' }),
		solver: text('solver').notNull(),
		placed: integer('placed').notNull(),
		unplaced: integer('unplaced').notNull().default(0),
		bound: integer('bound').notNull(),
		optimal: boolean('optimal').notNull(),
		idleGaps: integer('idle_gaps').notNull().default(0),
		ms: integer('ms').notNull(),
		published: boolean('published').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [index('match_schedule_runs_event_idx').on(t.eventId, t.createdAt)]
);
