import { index, integer, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from '../db/columns';

export const mailStatusEnum = pgEnum('mail_status', ['queued', 'sent', 'held']);

/**
 * Every mail is written here first, in the same transaction as the change that causes it, and sent
 * afterwards. Without SMTP_URL mail stays `held` for admins to read; when sending fails it stays
 * `queued` with a later `next_attempt_at`. Nothing is dropped.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: id(),
		to: text('to').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html'),
		kind: text('kind').notNull(),
		locale: text('locale').notNull(),
		status: mailStatusEnum('status').notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
		lastError: text('last_error'),
		sentAt: instant('sent_at'),
		createdAt: createdAt()
	},
	(t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_created_idx').on(t.createdAt)]
);
