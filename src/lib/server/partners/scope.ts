/**
 * Who may see which partner. Organizers see every partner; a representative sees only the partner
 * on their own account. Anything of another partner answers `not_found`, never `forbidden`, so a
 * representative cannot even learn that an id exists.
 */
import { DomainError } from '../errors';
import { isOrganizer, requireUser, type Actor } from '../auth/access';

export function mayActFor(actor: Actor | null | undefined, partnerId: string): boolean {
	if (!actor) return false;
	if (isOrganizer(actor)) return true;
	return actor.role === 'partner' && !!actor.partnerId && actor.partnerId === partnerId;
}

/** The partner a portal verb acts for: always the representative's own. */
export function ownPartner(actor: Actor | null | undefined): string {
	const a = requireUser(actor);
	if (a.role !== 'partner' || !a.partnerId) throw new DomainError('forbidden');
	return a.partnerId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach SQL: a malformed one is simply not found (never a 500). */
export function requireId(id: string): string {
	if (!UUID.test(id)) throw new DomainError('not_found');
	return id;
}

export function requirePartnerAccess(actor: Actor | null | undefined, partnerId: string) {
	requireUser(actor);
	requireId(partnerId);
	if (!mayActFor(actor, partnerId)) throw new DomainError('not_found');
}

export function baseUrl() {
	return (process.env.PUBLIC_BASE_URL ?? process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');
}
