import type { Actor } from '../auth/access';
import type { Figures } from './views';
import { DomainError } from '../errors';

/** Organizers: requested, accepted, scheduled, held, no-show; by sector, kind and partner. */
export async function figures(actor: Actor, eventId: string): Promise<Figures> {
	void actor; void eventId; throw new DomainError('not_implemented', { status: 501 });
}
