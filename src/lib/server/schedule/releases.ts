/** Releases: freeze the draft into an immutable, published version of the program. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { releases } from './tables';
import { buildSnapshot, diffSnapshots, type ProgramSnapshot, type Change } from './snapshot';
import { requireRole, type Actor } from '../auth/access';
import { record } from '../audit';

export type Release = Omit<typeof releases.$inferSelect, 'snapshot' | 'changes'> & {
	snapshot: ProgramSnapshot;
	changes: Change[];
};

export async function list(eventId: string, ex: Executor = db): Promise<(Omit<Release, 'snapshot' | 'eventId' | 'createdBy'>)[]> {
	const rows = await ex
		.select({ id: releases.id, version: releases.version, name: releases.name, note: releases.note, changes: releases.changes, overrides: releases.overrides, createdAt: releases.createdAt })
		.from(releases)
		.where(eq(releases.eventId, eventId))
		.orderBy(desc(releases.version));
	return rows as (Omit<Release, 'snapshot' | 'eventId' | 'createdBy'>)[];
}

export async function byVersion(eventId: string, version: number, ex: Executor = db): Promise<Release | null> {
	const [row] = await ex.select().from(releases).where(and(eq(releases.eventId, eventId), eq(releases.version, version))).limit(1);
	return (row as Release) ?? null;
}

export async function latest(eventId: string, ex: Executor = db): Promise<Release | null> {
	const [row] = await ex.select().from(releases).where(eq(releases.eventId, eventId)).orderBy(desc(releases.version)).limit(1);
	return (row as Release) ?? null;
}

/**
 * Creates the next release. The version number comes from the previous one under a per-event
 * advisory lock, so two organizers releasing at once get versions n and n+1, never a clash.
 */
export async function create(
	actor: Actor | null,
	eventId: string,
	input: { name: string; note?: string; overrides?: { key: string; reason: string }[] },
	ex?: Executor
): Promise<Release> {
	if (actor) requireRole(actor, 'organizer', 'admin');
	const run = async (tx: Executor) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'release:' + eventId}))`);
		const prev = await latest(eventId, tx);
		const snapshot = await buildSnapshot(tx, eventId);
		const changes = diffSnapshots(prev?.snapshot ?? null, snapshot);
		// SEQUENCE for calendars: how many releases after a session's first one changed it.
		const before = new Map((prev?.snapshot.sessions ?? []).map((s) => [s.id, s.sequence ?? 0]));
		const changed = new Set(changes.map((c) => c.sessionId));
		for (const s of snapshot.sessions) s.sequence = before.has(s.id) ? before.get(s.id)! + (changed.has(s.id) ? 1 : 0) : 0;
		const [row] = await tx
			.insert(releases)
			.values({ eventId, version: (prev?.version ?? 0) + 1, name: input.name, note: input.note ?? null, snapshot, changes, overrides: input.overrides ?? [], createdBy: actor?.id ?? null })
			.returning();
		await record(actor, 'schedule.release', { targetType: 'release', targetId: row.id, eventId, data: { version: row.version, changes: changes.length } }, tx);
		return row as Release;
	};
	return ex ? run(ex) : db.transaction(run);
}
