/** Recommendations: listed profiles ranked by the pure score of rules.ts, each with its reasons. */
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import { db } from '../db';
import { requireUser, type Actor } from '../auth/access';
import { projects } from '../partners/tables';
import { matchMeetings, matchOpenings, matchProfileProjects, matchProfiles, matchRequests } from './tables';
import * as rules from './rules';
import { profileViews, requireOwnProfile } from './shape';
import type { Recommendation } from './views';

/**
 * Listed profiles ranked for the actor's own profile (best first, at most `limit`), with the
 * reasons. People the actor already has a pending request or a meeting with are left out.
 */
export async function recommendations(actor: Actor, eventId: string, limit = 12): Promise<Recommendation[]> {
	requireUser(actor);
	const me = await requireOwnProfile(db, actor, eventId);
	const others = await db
		.select({ id: matchProfiles.id, kind: matchProfiles.kind, sectors: matchProfiles.sectors, offers: matchProfiles.offers, seeks: matchProfiles.seeks, languages: matchProfiles.languages })
		.from(matchProfiles)
		.where(and(eq(matchProfiles.eventId, eventId), eq(matchProfiles.listed, true), ne(matchProfiles.id, me.id)));
	if (!others.length) return [];
	const [openings, myProjects, reqs, meets] = await Promise.all([
		db
			.select({ id: matchOpenings.id, profileId: matchOpenings.profileId, sector: matchOpenings.sector })
			.from(matchOpenings)
			.innerJoin(matchProfiles, eq(matchProfiles.id, matchOpenings.profileId))
			.where(and(eq(matchProfiles.eventId, eventId), eq(matchProfiles.listed, true))),
		db.select({ field: projects.field }).from(matchProfileProjects).innerJoin(projects, eq(projects.id, matchProfileProjects.projectId)).where(eq(matchProfileProjects.profileId, me.id)),
		db
			.select({ a: matchRequests.fromProfileId, b: matchRequests.toProfileId })
			.from(matchRequests)
			.where(and(inArray(matchRequests.status, ['pending', 'accepted']), or(eq(matchRequests.fromProfileId, me.id), eq(matchRequests.toProfileId, me.id)))),
		db
			.select({ a: matchMeetings.aProfileId, b: matchMeetings.bProfileId })
			.from(matchMeetings)
			.where(and(ne(matchMeetings.status, 'cancelled'), or(eq(matchMeetings.aProfileId, me.id), eq(matchMeetings.bProfileId, me.id))))
	]);
	const skip = new Set([...reqs, ...meets].map((r) => (r.a === me.id ? r.b : r.a)));
	const byProfile = new Map<string, { id: string; sector: string }[]>();
	for (const o of openings) {
		const list = byProfile.get(o.profileId) ?? [];
		list.push({ id: o.id, sector: o.sector });
		byProfile.set(o.profileId, list);
	}
	const mine: rules.ScoreProfile = { ...me, projectSectors: myProjects.map((p) => p.field) };
	const ranked = rules.rank(
		mine,
		others.filter((o) => !skip.has(o.id)).map((o) => ({ ...o, openings: byProfile.get(o.id) ?? [] })),
		Math.max(1, Math.min(limit, 100))
	);
	const views = await profileViews(
		db,
		ranked.map((r) => r.item.id)
	);
	const byId = new Map(views.map((v) => [v.id, v]));
	return ranked.flatMap((r) => {
		const profile = byId.get(r.item.id);
		return profile ? [{ profile, score: r.score, reasons: r.reasons }] : [];
	});
}
