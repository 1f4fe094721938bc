import type { Actor } from '../auth/access';
import type { Recommendation } from './views';
import { DomainError } from '../errors';

/** Listed profiles ranked for the actor's own profile (best first, at most `limit`), with the reasons. */
export async function recommendations(actor: Actor, eventId: string, limit = 12): Promise<Recommendation[]> {
	void actor; void eventId; void limit; throw new DomainError('not_implemented', { status: 501 });
}
