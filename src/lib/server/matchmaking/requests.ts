import type { Actor } from '../auth/access';
import type { MatchBrokerInput, MatchRequestInput } from '$lib/schemas/matchmaking';
import type { RequestView, RespondResult } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** Errors: `no_profile`, `not_listed` (target), `self_request`, `request_cap` (open requests), `meeting_cap`, `already_requested`, `already_meeting`. */
export async function request(actor: Actor, eventId: string, input: MatchRequestInput): Promise<RequestView> {
	void actor; void eventId; void input; throw todo();
}
/**
 * The recipient (or either side of a brokered proposal) accepts or declines. Accepting in `self`
 * mode with a slot books it under the edition lock; a slot no longer free gives `warning: 'slot_taken'`.
 * Errors: `request_closed`, `request_expired`, `meeting_cap`.
 */
export async function respond(actor: Actor, requestId: string, answer: 'accept' | 'decline', opts: { slotId?: string } = {}): Promise<RespondResult> {
	void actor; void requestId; void answer; void opts; throw todo();
}
/** The sender (or the broker) withdraws a pending request. */
export async function withdraw(actor: Actor, requestId: string): Promise<RequestView> {
	void actor; void requestId; throw todo();
}
/** Organizers, and partner representatives for their own delegates (one side at least): both must accept. */
export async function broker(actor: Actor, eventId: string, input: MatchBrokerInput): Promise<RequestView> {
	void actor; void eventId; void input; throw todo();
}
export async function myRequests(actor: Actor, eventId: string): Promise<{ incoming: RequestView[]; outgoing: RequestView[] }> {
	void actor; void eventId; throw todo();
}
/** Organizers: all brokered proposals of the edition; partner reps: their own. */
export async function brokeredRequests(actor: Actor, eventId: string): Promise<RequestView[]> {
	void actor; void eventId; throw todo();
}
/** Marks pending requests past their time expired; returns how many. */
export async function sweepExpired(now = new Date()): Promise<number> {
	void now; throw todo();
}
export function startSweep(intervalMs = 10 * 60_000): void {
	void intervalMs;
}
export function stopSweep(): void {}
