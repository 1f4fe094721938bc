/** Input schemas for accounts, shared by form actions and JSON endpoints. */
import { z } from 'zod';
import { str } from './text';

export const ROLES = ['attendee', 'partner', 'staff', 'organizer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['zh-CN', 'en'] as const;

export const email = str({ error: 'v_required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'v_required' })
	.max(254, { error: 'v_too_long' })
	.pipe(z.email({ error: 'v_email' }));

/** NIST 800-63B: length over composition rules; 10 to 128 characters. */
export const newPassword = str({ error: 'v_required' })
	.min(10, { error: 'v_too_short' })
	.max(128, { error: 'v_too_long' });

export const personName = str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(120);
const optionalText = (max: number) =>
	str()
		.trim()
		.max(max)
		.optional()
		.transform((v) => (v ? v : undefined));

export const signUpSchema = z.object({
	email,
	password: newPassword,
	name: personName,
	nameZh: optionalText(60),
	organization: optionalText(160),
	locale: z.enum(LOCALES).optional()
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const logInSchema = z.object({
	email,
	password: str({ error: 'v_required' }).min(1, { error: 'v_required' }).max(1024)
});

export const changePasswordSchema = z.object({
	currentPassword: str({ error: 'v_required' }).min(1, { error: 'v_required' }).max(1024),
	newPassword
});

export const resetRequestSchema = z.object({ email });
export const resetSchema = z.object({ token: str().min(16).max(128), password: newPassword });

export const profileSchema = z.object({
	name: personName,
	nameZh: optionalText(60),
	organization: optionalText(160),
	locale: z.enum(LOCALES)
});

export const setRoleSchema = z.object({
	userId: z.uuid(),
	role: z.enum(ROLES, { error: 'v_choice' }),
	partnerId: z
		.union([z.uuid(), z.literal('')])
		.optional()
		.transform((v) => v || undefined)
});

/**
 * What an API token may do, chosen when it is made. A scope never gives more than the owner's role
 * allows; public reads (events, program, partner directory, categories) need none. Which scope each
 * `/api/v1` operation needs: `src/lib/server/auth/scopes.ts`.
 */
export const API_SCOPES = ['registrations:read', 'registrations:write', 'checkin:read', 'checkin:write', 'partners:read', 'visa:read', 'visa:write', 'match:read', 'match:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/**
 * The single scope of tokens made before scopes existed, and of `POST /auth/token` called without
 * `scopes`: full access, as such tokens always had (backward compatible).
 */
export const FULL_ACCESS_SCOPE = 'api';
/** The scopes worth offering each role (the role would refuse the others anyway). */
export const SCOPES_FOR_ROLE: Record<Role, readonly ApiScope[]> = {
	attendee: ['registrations:read', 'registrations:write', 'visa:read', 'visa:write', 'match:read', 'match:write'],
	partner: ['registrations:read', 'registrations:write', 'partners:read', 'visa:read', 'visa:write', 'match:read', 'match:write'],
	staff: ['registrations:read', 'registrations:write', 'checkin:read', 'checkin:write'],
	organizer: API_SCOPES,
	admin: API_SCOPES
};
const scopeList = z
	.array(z.enum(API_SCOPES, { error: 'v_choice' }), { error: 'v_scopes' })
	.min(1, { error: 'v_scopes' })
	.max(API_SCOPES.length);

export const createTokenSchema = z.object({
	name: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(80),
	/** Days until it expires; at most a year. */
	expiresInDays: z.coerce.number().int().min(1).max(365).default(90),
	/** Checkboxes: absent when none is ticked, a string when one is, an array when several are. */
	scopes: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), scopeList)
});

export const apiTokenRequestSchema = z.object({
	email,
	password: str().min(1).max(1024),
	name: str().trim().max(80).optional(),
	/** Narrows the token to these scopes; without it the token has full access (`api`). */
	scopes: scopeList.optional(),
	/** The current TOTP code or a recovery code, for accounts with two-factor login. */
	code: str().trim().max(20).optional()
});

export const twoFactorCodeSchema = z.object({ code: str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(20) });
