/** The two-factor requirement, read on area requests; cached for a few seconds per process. */
import { requiredRoles } from '../auth/two-factor';
import type { Role } from '$lib/schemas/auth';
import { cache as newCache } from '../cache';

const cached = newCache<Role[]>({ max: 1, ttlMs: 5_000 });

export async function twoFactorRequired(role: Role): Promise<boolean> {
	return (await cached.getOrLoad('roles', requiredRoles)).includes(role);
}

export function forgetTwoFactorPolicy() {
	cached.clear();
}
