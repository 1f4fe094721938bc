import {
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, i18nText, id, instant, updatedAt } from '../db/columns';
import { events } from '../events/tables';
import { partners } from '../partners/tables';
import { users } from '../auth/tables';

export const venueKindEnum = pgEnum('venue_kind', [
	'conference',
	'hotel',
	'incubator',
	'maker_space',
	'accelerator',
	'park',
	'abroad'
]);

export const venues = pgTable(
	'venues',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		name: i18nText('name').notNull(),
		address: i18nText('address'),
		city: i18nText('city'),
		kind: venueKindEnum('kind').notNull().default('conference'),
		/** Own zone for venues abroad; null means the event's zone. */
		timeZone: text('time_zone'),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		/** Local opening hours, "HH:MM". */
		opensAt: text('opens_at'),
		closesAt: text('closes_at'),
		position: integer('position').notNull().default(0)
	},
	(t) => [index('venues_event_idx').on(t.eventId)]
);

export const rooms = pgTable(
	'rooms',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		venueId: uuid('venue_id')
			.notNull()
			.references(() => venues.id, { onDelete: 'cascade' }),
		name: i18nText('name').notNull(),
		capacity: integer('capacity'),
		position: integer('position').notNull().default(0)
	},
	(t) => [index('rooms_event_idx').on(t.eventId)]
);

export const tracks = pgTable(
	'tracks',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		name: i18nText('name').notNull(),
		/** CSS colour, "#rrggbb". */
		color: text('color').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [uniqueIndex('tracks_event_slug_key').on(t.eventId, t.slug)]
);

export const speakers = pgTable(
	'speakers',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		name: i18nText('name').notNull(),
		organization: i18nText('organization'),
		title: i18nText('title'),
		bio: i18nText('bio'),
		/** Path under DATA_DIR/uploads. */
		photo: text('photo'),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('speakers_event_slug_key').on(t.eventId, t.slug)]
);

export const sessionKindEnum = pgEnum('session_kind', [
	'opening',
	'keynote',
	'forum',
	'roadshow',
	'prematching',
	'site_visit',
	'networking',
	'recruiting',
	'break'
]);

export const sessionStatusEnum = pgEnum('session_status', ['confirmed', 'cancelled']);

/**
 * The draft program. The public program is read from the latest `releases` snapshot, which
 * never changes once written.
 */
export const programSessions = pgTable(
	'program_sessions',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		/** Short stable code, used in URLs, CSV and calendar UIDs. */
		code: text('code').notNull(),
		title: i18nText('title').notNull(),
		abstract: i18nText('abstract'),
		kind: sessionKindEnum('kind').notNull(),
		trackId: uuid('track_id').references(() => tracks.id, { onDelete: 'set null' }),
		roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
		/** Null while unscheduled (in the editor's tray). */
		startsAt: instant('starts_at'),
		endsAt: instant('ends_at'),
		capacity: integer('capacity'),
		requiresBooking: boolean('requires_booking').notNull().default(false),
		/** Satellite recruiting events abroad are run with a partner. */
		partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'set null' }),
		status: sessionStatusEnum('status').notNull().default('confirmed'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('program_sessions_event_code_key').on(t.eventId, t.code),
		index('program_sessions_room_idx').on(t.roomId, t.startsAt)
	]
);

export const sessionSpeakers = pgTable(
	'session_speakers',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => programSessions.id, { onDelete: 'cascade' }),
		speakerId: uuid('speaker_id')
			.notNull()
			.references(() => speakers.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.speakerId] }), index('session_speakers_speaker_idx').on(t.speakerId)]
);

/** A frozen, published version of the program. Rows are inserted, never updated. */
export const releases = pgTable(
	'releases',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		/** 1, 2, 3... per event. */
		version: integer('version').notNull(),
		name: text('name').notNull(),
		note: text('note'),
		/** The whole published program (see schedule/snapshot.ts for its shape). */
		snapshot: jsonb('snapshot').notNull(),
		/** What changed since the previous release. */
		changes: jsonb('changes').notNull(),
		/** Conflicts the organizer released anyway, each with the reason given. */
		overrides: jsonb('overrides').$type<{ key: string; reason: string }[]>().notNull().default([]),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('releases_event_version_key').on(t.eventId, t.version)]
);

/** Sessions a signed-in person starred into their agenda. */
export const stars = pgTable(
	'stars',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => programSessions.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.userId, t.sessionId] }), index('stars_session_idx').on(t.sessionId)]
);

/**
 * The secret of a person's personal agenda feed URL. Only its SHA-256 is stored; rotating replaces
 * the row, so the old URL stops working at once.
 */
export const agendaFeeds = pgTable('agenda_feeds', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: createdAt()
});
