import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns';

/** Sensitive actions (role grants, approvals, releases, exports, token creation...). */
export const auditLog = pgTable(
	'audit_log',
	{
		id: id(),
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		eventId: uuid('event_id'),
		data: jsonb('data').$type<Record<string, unknown>>(),
		requestId: text('request_id'),
		createdAt: createdAt()
	},
	(t) => [index('audit_created_idx').on(t.createdAt), index('audit_action_idx').on(t.action)]
);
