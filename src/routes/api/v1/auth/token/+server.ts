import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as auth from '$lib/server/auth';
import * as apiTokens from '$lib/server/auth/api-tokens';
import { hit, LIMITS } from '$lib/server/auth/rate-limit';
import { apiTokenRequestSchema } from '$lib/schemas/auth';
import * as twoFactor from '$lib/server/auth/two-factor';
import { DomainError } from '$lib/server/errors';
import { api, readJson } from '$lib/server/http/api';
import { clientAddress } from '$lib/server/http/session-cookie';

/**
 * `{email, password}` → a bearer token for /api/v1 (rate limited per account and address); with
 * `scopes`, narrowed to them, else full access (`api`) as before scopes existed.
 */
export const POST: RequestHandler = (event) =>
	api(event, async () => {
		const input = await readJson(event, apiTokenRequestSchema);
		await hit(`token:acct:${input.email}`, LIMITS.tokenPerAccount);
		const user = await auth.verifyCredentials(input, { address: clientAddress(event) });
		if (user.totpEnabledAt) {
			if (!input.code) throw new DomainError('two_factor_required', { status: 401 });
			const { token: challenge } = await twoFactor.openChallenge(user.id);
			await twoFactor.completeChallenge(challenge, input.code);
		}
		const actor = { id: user.id, role: user.role, partnerId: user.partnerId, email: user.email, name: user.name, locale: user.locale };
		const { token, id, scopes } = await apiTokens.create(actor, { name: input.name ?? 'API', expiresInDays: 30, scopes: input.scopes });
		return json({ token, tokenId: id, tokenType: 'Bearer', expiresInDays: 30, scopes, user: { id: user.id, role: user.role } }, { status: 201 });
	});
