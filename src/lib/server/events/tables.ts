import { date, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, i18nText, id, updatedAt } from '../db/columns';

export const eventStatusEnum = pgEnum('event_status', ['draft', 'published', 'archived']);

/** One edition of the week. Dates are local to `timeZone`. */
export const events = pgTable(
	'events',
	{
		id: id(),
		slug: text('slug').notNull(),
		name: i18nText('name').notNull(),
		tagline: i18nText('tagline'),
		description: i18nText('description'),
		city: i18nText('city').notNull(),
		/** IANA zone, e.g. Asia/Shanghai. */
		timeZone: text('time_zone').notNull(),
		startDate: date('start_date').notNull(),
		endDate: date('end_date').notNull(),
		status: eventStatusEnum('status').notNull().default('draft'),
		/** Version of the privacy notice attendees consent to. */
		privacyVersion: text('privacy_version').notNull().default('2018-1'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('events_slug_key').on(t.slug)]
);
