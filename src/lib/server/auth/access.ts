/**
 * Who may do what. Domain verbs call these first, whatever page or endpoint called them; pages call
 * them too, in their own server load, because a layout load alone guards nothing.
 */
import { DomainError } from '../errors';
import type { Role } from '$lib/schemas/auth';

export interface Actor {
	id: string;
	role: Role;
	partnerId: string | null;
	email: string;
	name: string;
	locale: 'zh-CN' | 'en';
}

/** The areas of the app and the roles that may enter each. Admins may enter every staff area;
 * the partner portal belongs to representatives alone (it always acts for *their* partner). */
export const AREAS = {
	me: ['attendee', 'partner', 'staff', 'organizer', 'admin'],
	partner: ['partner'],
	staff: ['staff', 'organizer', 'admin'],
	organizer: ['organizer', 'admin'],
	admin: ['admin']
} as const satisfies Record<string, readonly Role[]>;
export type Area = keyof typeof AREAS;

/** Where each role lands after logging in. */
export const HOME_OF: Record<Role, string> = {
	attendee: '/me',
	partner: '/partner',
	staff: '/staff',
	organizer: '/organizer',
	admin: '/admin'
};

export function mayEnter(actor: Pick<Actor, 'role'> | null | undefined, area: Area): boolean {
	return !!actor && (AREAS[area] as readonly Role[]).includes(actor.role);
}

export function requireUser<A extends Actor>(actor: A | null | undefined): A {
	if (!actor) throw new DomainError('unauthenticated');
	return actor;
}

export function requireRole<A extends Actor>(actor: A | null | undefined, ...roles: Role[]): A {
	const a = requireUser(actor);
	if (!roles.includes(a.role)) throw new DomainError('forbidden');
	return a;
}

export function requireArea<A extends Actor>(actor: A | null | undefined, area: Area): A {
	return requireRole(actor, ...AREAS[area]);
}

export const isOrganizer = (a: Pick<Actor, 'role'> | null | undefined) => !!a && (a.role === 'organizer' || a.role === 'admin');
