import type { Actor } from '../auth/access';
import type { MeetingView, ScheduleRunView } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** Organizers: places accepted, unscheduled (and unlocked scheduled) meetings with the scheduler, under the edition lock. */
export async function scheduleAll(actor: Actor, eventId: string, opts: { timeLimitMs?: number } = {}): Promise<ScheduleRunView> {
	void actor; void eventId; void opts; throw todo();
}
/**
 * Organizers: puts a meeting at a slot and table. A taken slot/table or a busy person gives
 * `warning` and changes nothing unless `force` moves the other meeting out (never a double booking).
 */
export async function placeMeeting(actor: Actor, meetingId: string, slotId: string, tableId: string, opts: { force?: boolean } = {}): Promise<{ meeting: MeetingView; warning: 'slot_taken' | 'person_busy' | null }> {
	void actor; void meetingId; void slotId; void tableId; void opts; throw todo();
}
export async function unplaceMeeting(actor: Actor, meetingId: string): Promise<MeetingView> {
	void actor; void meetingId; throw todo();
}
export async function lockMeeting(actor: Actor, meetingId: string, locked: boolean): Promise<MeetingView> {
	void actor; void meetingId; void locked; throw todo();
}
/** Organizers: marks the schedule final and queues one mail per person with their meetings. */
export async function publishSchedule(actor: Actor, eventId: string): Promise<{ mails: number; publishedAt: string }> {
	void actor; void eventId; throw todo();
}
export async function runs(actor: Actor, eventId: string): Promise<ScheduleRunView[]> {
	void actor; void eventId; throw todo();
}
