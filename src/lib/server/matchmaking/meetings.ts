import type { Actor } from '../auth/access';
import type { MatchRateInput, MatchRemoteInput } from '$lib/schemas/matchmaking';
import type { HeldResult, MeetingView, Outcome, Report, SlotOption } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** The actor's meetings in the edition (not cancelled), by time; the other side with contact details. */
export async function myMeetings(actor: Actor, eventId: string): Promise<MeetingView[]> {
	void actor; void eventId; throw todo();
}
/** One meeting: its two people and organizers. */
export async function meeting(actor: Actor, meetingId: string): Promise<MeetingView> {
	void actor; void meetingId; throw todo();
}
/** Organizers: the edition's meetings, filterable. */
export async function meetings(actor: Actor, eventId: string, filter: { status?: string } = {}): Promise<MeetingView[]> {
	void actor; void eventId; void filter; throw todo();
}
/** The slots of the edition with whether both people of the meeting (or of the request) are free. */
export async function slotsFor(actor: Actor, meetingOrRequestId: string): Promise<SlotOption[]> {
	void actor; void meetingOrRequestId; throw todo();
}
export async function myUnavailability(actor: Actor, eventId: string): Promise<string[]> {
	void actor; void eventId; throw todo();
}
/** Replaces the actor's unavailable slots with `slotIds`. */
export async function markUnavailable(actor: Actor, eventId: string, slotIds: string[]): Promise<string[]> {
	void actor; void eventId; void slotIds; throw todo();
}
/** Either side or organizers: a remote meeting before the week with a video link (or back to in person with null). */
export async function setRemote(actor: Actor, meetingId: string, input: MatchRemoteInput | null): Promise<MeetingView> {
	void actor; void meetingId; void input; throw todo();
}
/** One side scans the other's badge at the meeting time (staff may scan either). Errors: `invalid_badge`, `wrong_person`, `not_meeting_time`. */
export async function held(actor: Actor, meetingId: string, badgeCode: string, now = new Date()): Promise<HeldResult> {
	void actor; void meetingId; void badgeCode; void now; throw todo();
}
/** A side's own account of what happened. */
export async function report(actor: Actor, meetingId: string, what: Report): Promise<MeetingView> {
	void actor; void meetingId; void what; throw todo();
}
export async function rate(actor: Actor, meetingId: string, input: MatchRateInput): Promise<MeetingView> {
	void actor; void meetingId; void input; throw todo();
}
export async function answerOutcome(actor: Actor, meetingId: string, outcome: Outcome): Promise<MeetingView> {
	void actor; void meetingId; void outcome; throw todo();
}
/** Scheduled meetings whose slot ended more than `graceMinutes` ago without being held become no-shows. */
export async function settleNoShows(now = new Date(), graceMinutes = 60): Promise<number> {
	void now; void graceMinutes; throw todo();
}
