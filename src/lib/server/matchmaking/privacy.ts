/** The person's matchmaking data for the my-data export, and its erasure. */
import { eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../db';
import { matchMeetings, matchOpenings, matchOutcomes, matchProfiles, matchRatings, matchRequests, matchUnavailability } from './tables';

/** Everything matchmaking stores about the person: profiles, openings, requests, meetings, ratings, outcomes. */
export async function exportForUser(ex: Executor, userId: string) {
	const profiles = await ex.select().from(matchProfiles).where(eq(matchProfiles.userId, userId));
	const ids = profiles.map((p) => p.id);
	if (!ids.length) return { profiles: [], openings: [], requests: [], meetings: [], unavailableSlots: [], ratings: [], outcomes: [] };
	const [openings, requests, meetings, unavailableSlots, ratings, outcomes] = await Promise.all([
		ex.select().from(matchOpenings).where(inArray(matchOpenings.profileId, ids)),
		ex
			.select({ id: matchRequests.id, fromProfileId: matchRequests.fromProfileId, toProfileId: matchRequests.toProfileId, message: matchRequests.message, status: matchRequests.status, brokered: matchRequests.brokeredBy, createdAt: matchRequests.createdAt, decidedAt: matchRequests.decidedAt })
			.from(matchRequests)
			.where(or(inArray(matchRequests.fromProfileId, ids), inArray(matchRequests.toProfileId, ids))),
		ex
			.select({ id: matchMeetings.id, aProfileId: matchMeetings.aProfileId, bProfileId: matchMeetings.bProfileId, status: matchMeetings.status, startsAt: matchMeetings.startsAt, endsAt: matchMeetings.endsAt, remote: matchMeetings.remote, heldAt: matchMeetings.heldAt, aReport: matchMeetings.aReport, bReport: matchMeetings.bReport })
			.from(matchMeetings)
			.where(or(inArray(matchMeetings.aProfileId, ids), inArray(matchMeetings.bProfileId, ids))),
		ex.select().from(matchUnavailability).where(inArray(matchUnavailability.profileId, ids)),
		ex.select().from(matchRatings).where(inArray(matchRatings.profileId, ids)),
		ex.select().from(matchOutcomes).where(inArray(matchOutcomes.profileId, ids))
	]);
	return {
		profiles: profiles.map(({ searchText: _s, ...p }) => (void _s, p)),
		openings,
		requests: requests.map((r) => ({ ...r, brokered: !!r.brokered })),
		meetings,
		unavailableSlots,
		ratings,
		outcomes
	};
}

/** Erasure: deletes the person's profiles; their requests, meetings, seats, ratings and outcomes go with them (cascade). */
export async function eraseForUser(ex: Executor, userId: string): Promise<void> {
	await ex.delete(matchProfiles).where(eq(matchProfiles.userId, userId));
}
