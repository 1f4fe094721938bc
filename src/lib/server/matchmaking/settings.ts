/** Per-edition settings, and the edition lock every booking and scheduling run takes first. */
import { eq } from 'drizzle-orm';
import { db, type Executor, type Tx } from '../db';
import { requireArea, requireUser, type Actor } from '../auth/access';
import { matchSettingsSchema, type MatchSettingsInput } from '$lib/schemas/matchmaking';
import { DomainError } from '../errors';
import * as eventsDomain from '../events';
import { record } from '../audit';
import { matchSettings } from './tables';
import type { SettingsView } from './views';

export type SettingsRow = typeof matchSettings.$inferSelect;

/** The edition by slug (an unpublished one is not found, except by organizers). */
export async function eventBySlug(actor: Actor | null, slug: string): Promise<{ id: string; slug: string; timeZone: string; name: { zh: string; en: string } }> {
	const e = await eventsDomain.getBySlug(actor, slug);
	return { id: e.id, slug: e.slug, timeZone: e.timeZone, name: e.name };
}

/** The settings row, created with the defaults on first use. */
export async function load(ex: Executor, eventId: string): Promise<SettingsRow> {
	const [row] = await ex.select().from(matchSettings).where(eq(matchSettings.eventId, eventId)).limit(1);
	if (row) return row;
	await ex.insert(matchSettings).values({ eventId }).onConflictDoNothing();
	const [created] = await ex.select().from(matchSettings).where(eq(matchSettings.eventId, eventId)).limit(1);
	if (!created) throw new DomainError('not_found');
	return created;
}

/**
 * The edition lock: `SELECT … FOR UPDATE` on the settings row. Accepting into a slot, placing,
 * moving, remote times and scheduling all take it first, so their checks and writes are serial.
 */
export async function lock(tx: Tx, eventId: string): Promise<SettingsRow> {
	await tx.insert(matchSettings).values({ eventId }).onConflictDoNothing();
	const [row] = await tx.select().from(matchSettings).where(eq(matchSettings.eventId, eventId)).for('update');
	if (!row) throw new DomainError('not_found');
	return row;
}

export function toView(s: SettingsRow): SettingsView {
	return {
		eventId: s.eventId,
		scheduling: s.scheduling,
		requestTtlHours: s.requestTtlHours,
		caps: s.caps,
		walkMinutes: s.walkMinutes,
		followUpDays: s.followUpDays,
		schedulePublishedAt: s.schedulePublishedAt?.toISOString() ?? null
	};
}

/** Anyone signed in may read the edition's matchmaking settings. */
export async function settings(actor: Actor, eventId: string): Promise<SettingsView> {
	requireUser(actor);
	return toView(await load(db, eventId));
}

/** Organizers. */
export async function updateSettings(actor: Actor, eventId: string, input: MatchSettingsInput): Promise<SettingsView> {
	requireArea(actor, 'organizer');
	const v = matchSettingsSchema.parse(input);
	return db.transaction(async (tx) => {
		await lock(tx, eventId);
		const [row] = await tx
			.update(matchSettings)
			.set({ scheduling: v.scheduling, requestTtlHours: v.requestTtlHours, walkMinutes: v.walkMinutes, caps: v.caps, ...(v.followUpDays !== undefined ? { followUpDays: v.followUpDays } : {}), updatedAt: new Date() })
			.where(eq(matchSettings.eventId, eventId))
			.returning();
		await record(actor, 'match.settings', { eventId, data: { scheduling: v.scheduling, requestTtlHours: v.requestTtlHours, walkMinutes: v.walkMinutes } }, tx);
		return toView(row);
	});
}
