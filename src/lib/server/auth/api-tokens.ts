/**
 * Bearer tokens for `/api/v1`: 160 random bits, only their SHA-256 stored, scoped, with an expiry,
 * revocable by their owner and listed in the account page. Lookups are cached for a few seconds per
 * process (the hot path of scanners); revocation therefore takes effect within that time.
 */
import { broadcast } from '../invalidation';
import { cache as newCache } from '../cache';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db, rowsOf } from '../db';
import { apiTokens, users } from './tables';
import { generateToken, hashToken } from './tokens';
import { DomainError } from '../errors';
import type { Actor } from './access';
import { record } from '../audit';
import { FULL_ACCESS_SCOPE, SCOPES_FOR_ROLE, type ApiScope } from '$lib/schemas/auth';

export const TOKEN_PREFIX = 'hwk_';
const CACHE_MS = 5_000;
const cache = newCache<TokenActor>({ max: 10_000, ttlMs: CACHE_MS, invalidateOn: { topic: 'token', drop: 'key' } });

/**
 * Mints a token. `scopes` are those of `API_SCOPES` the owner's role can use (`SCOPES_FOR_ROLE`);
 * without them the token has full access (`api`), as every token had before scopes existed.
 */
export async function create(
	actor: Actor,
	input: { name: string; expiresInDays?: number; scopes?: readonly ApiScope[] },
	now = new Date()
): Promise<{ token: string; id: string; scopes: string[] }> {
	const scopes = input.scopes ? [...new Set(input.scopes)] : [FULL_ACCESS_SCOPE];
	if (input.scopes && (!scopes.length || scopes.some((s) => !SCOPES_FOR_ROLE[actor.role].includes(s as ApiScope)))) {
		throw new DomainError('invalid_input', { fields: { scopes: ['v_scopes_role'] } });
	}
	const token = TOKEN_PREFIX + generateToken();
	const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? 90) * 86400_000);
	const [row] = await db
		.insert(apiTokens)
		.values({ userId: actor.id, name: input.name, tokenHash: hashToken(token), scopes, expiresAt })
		.returning({ id: apiTokens.id });
	await record(actor, 'api_token.create', { targetType: 'api_token', targetId: row.id, data: { name: input.name, scopes } });
	return { token, id: row.id, scopes };
}

export async function list(actor: Actor) {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			scopes: apiTokens.scopes,
			createdAt: apiTokens.createdAt,
			expiresAt: apiTokens.expiresAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
		.orderBy(desc(apiTokens.createdAt));
}

export async function revoke(actor: Actor, id: string): Promise<void> {
	const res = await db
		.update(apiTokens)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
		.returning({ hash: apiTokens.tokenHash });
	if (!res.length) throw new DomainError('not_found');
	await broadcast('token', res[0].hash);
	await record(actor, 'api_token.revoke', { targetType: 'api_token', targetId: id });
}

type TokenActor = (Actor & { tokenId: string; scopes: string[] }) | null;

/** The actor a bearer token stands for, or null. */
export async function authenticate(token: string, now = new Date()): Promise<TokenActor> {
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
	const hash = hashToken(token);
	const hit = cache.get(hash, now.getTime());
	if (hit !== undefined) return hit;
	return lookUp(hash, now);
}

/**
 * Tokens not in the cache are looked up together: those of every request read in one turn of the
 * event loop, in one statement that also records their use. When everyone signs in at once (a
 * registration rush, a queue of scanners) that is one statement for the lot instead of two each.
 */
interface Waiting {
	now: Date;
	callers: { resolve(a: TokenActor): void; reject(e: unknown): void }[];
}
let waiting: Map<string, Waiting> | null = null;

function lookUp(hash: string, now: Date): Promise<TokenActor> {
	if (!waiting) {
		waiting = new Map();
		setImmediate(() => void lookUpWaiting());
	}
	let w = waiting.get(hash);
	if (!w) waiting.set(hash, (w = { now, callers: [] }));
	const entry = w;
	return new Promise((resolve, reject) => entry.callers.push({ resolve, reject }));
}

interface TokenRow {
	token_hash: string;
	token_id: string;
	scopes: string[];
	expires_at: string | null;
	revoked_at: string | null;
	id: string;
	role: Actor['role'];
	partner_id: string | null;
	email: string;
	name: string;
	locale: Actor['locale'];
	disabled_at: string | null;
}

async function lookUpWaiting() {
	const batch = waiting!;
	waiting = null;
	try {
		// One statement: read the tokens and record the use of those that are valid and were not
		// used in the last minute (the update sees the rows as they were before it, like the select).
		// LATERAL: one index look-up per token, whatever the planner guesses about the input's size.
		const input = [...batch].map(([hash, w]) => ({ hash, at: w.now.toISOString() }));
		const rows = rowsOf<TokenRow>(
			await db.execute(sql`
			with input as (
				select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(hash text, at timestamptz)
			),
			found as (
				select x.at, t.*
				from input x
				cross join lateral (
					select t.token_hash, t.id as token_id, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
						u.id, u.role, u.partner_id, u.email, u.name, u.locale, u.disabled_at
					from ${apiTokens} t join ${users} u on u.id = t.user_id
					where t.token_hash = x.hash
					limit 1
				) t
			),
			used as (
				update ${apiTokens} set last_used_at = f.at from found f
				where ${apiTokens.id} = f.token_id and f.revoked_at is null and f.disabled_at is null
					and (f.expires_at is null or f.expires_at > f.at)
					and (f.last_used_at is null or f.last_used_at < f.at - interval '60 seconds')
			)
			select token_hash, token_id, scopes, expires_at, revoked_at, id, role, partner_id, email, name, locale, disabled_at from found`)
		);
		const byHash = new Map(rows.map((r) => [r.token_hash, r]));
		for (const [hash, { now, callers }] of batch) {
			const row = byHash.get(hash);
			let actor: TokenActor = null;
			if (row && !row.revoked_at && !row.disabled_at && (!row.expires_at || new Date(row.expires_at) > now)) {
				actor = { id: row.id, role: row.role, partnerId: row.partner_id, email: row.email, name: row.name, locale: row.locale, tokenId: row.token_id, scopes: row.scopes };
			}
			cache.set(hash, actor, now.getTime());
			for (const c of callers) c.resolve(actor);
		}
	} catch (e) {
		for (const { callers } of batch.values()) for (const c of callers) c.reject(e);
	}
}

/** Forget cached lookups (user disabled, token revoked elsewhere). */
export function clearCache() {
	cache.clear();
}
