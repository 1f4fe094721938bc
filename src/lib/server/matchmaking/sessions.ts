import type { Actor } from '../auth/access';
import type { MatchSessionInput } from '$lib/schemas/matchmaking';
import type { SessionConfigView } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** The edition's pre-matching sessions with their slots and tables (anyone signed in; fixed names for organizers). */
export async function sessions(actor: Actor, eventId: string): Promise<SessionConfigView[]> {
	void actor; void eventId; throw todo();
}
/** Organizers: cuts the session into slots and numbers its tables. Error `session_has_meetings` when meetings sit in slots that would go. */
export async function configureSession(actor: Actor, sessionId: string, input: MatchSessionInput): Promise<SessionConfigView> {
	void actor; void sessionId; void input; throw todo();
}
