/** The audit log of sensitive actions, readable by admins. */
import { and, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { auditLog } from './tables';
import { requireRole, type Actor } from '../auth/access';
import { currentRequestId } from '../http/context';

export async function record(
	actor: Pick<Actor, 'id'> | null,
	action: string,
	opts: { targetType?: string; targetId?: string; eventId?: string; data?: Record<string, unknown> } = {},
	executor: Executor = db
) {
	await executor.insert(auditLog).values({ actorId: actor?.id ?? null, action, requestId: currentRequestId() ?? null, ...opts });
}

export async function list(actor: Actor, filter: { action?: string; actorId?: string; limit?: number; offset?: number } = {}) {
	requireRole(actor, 'admin');
	const where: SQL[] = [];
	if (filter.action) where.push(ilike(auditLog.action, `${filter.action.replace(/[%_\\]/g, '\\$&')}%`));
	if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
	return db
		.select()
		.from(auditLog)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.createdAt))
		.limit(filter.limit ?? 100)
		.offset(filter.offset ?? 0);
}

export { readable, type ReadableEntry } from './readable';
