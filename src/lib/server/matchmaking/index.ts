/**
 * Matchmaking (issue 14): opt-in profiles, a directory with pinyin search, recommendations with
 * reasons, requests with caps and expiry, brokered pre-matches, 1:1 meetings in slots of
 * pre-matching sessions at numbered tables (self-booked under the edition lock, or placed by the
 * scheduler), remote meetings, held by badge scan, no-shows, ratings, outcomes and figures.
 * Routes import this face as a namespace (`import * as matchmaking from '$lib/server/matchmaking'`).
 * Every verb takes the acting user first and checks access itself; errors are DomainError codes.
 */
export type * from './views';
export { settings, updateSettings, eventBySlug } from './settings';
export { myProfile, saveProfile, addOpening, removeOpening, profile, photo, linkableProjects, directory } from './profiles';
export { recommendations } from './recommendations';
export { request, respond, withdraw, broker, myRequests, brokeredRequests, sweepExpired, startSweep, stopSweep } from './requests';
export { myMeetings, meeting, slotsFor, chooseSlot, hasSlots, editionSlots, myUnavailability, markUnavailable, setRemote, held, report, rate, answerOutcome, askOutcomes, settleNoShows, meetings } from './meetings';
export { sessions, configureSession } from './sessions';
export { scheduleAll, placeMeeting, lockMeeting, unplaceMeeting, publishSchedule, runs } from './scheduling';
export { figures } from './figures';
export { exportForUser, eraseForUser } from './privacy';
export { searchTextFor } from './profiles';
export * as rules from './rules';

import { startSweep } from './requests';
/** Start-up: the sweep that expires requests and settles no-shows. */
export function start() {
	startSweep();
}
