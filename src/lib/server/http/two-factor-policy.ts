/** The two-factor requirement, read on area requests; cached for a few seconds per process. */
import { requiredRoles } from '../auth/two-factor';
import type { Role } from '$lib/schemas/auth';

let cached: { at: number; roles: Role[] } | null = null;

export async function twoFactorRequired(role: Role): Promise<boolean> {
	if (!cached || Date.now() - cached.at > 5_000) cached = { at: Date.now(), roles: await requiredRoles() };
	return cached.roles.includes(role);
}

export function forgetTwoFactorPolicy() {
	cached = null;
}
