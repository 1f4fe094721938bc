/**
 * Token primitives, after the Lucia guide. A token is 20 random bytes (160 bits, above the 128-bit
 * floor of OWASP ASVS) in lower-case base32; the database keeps only its SHA-256, so a read of the
 * tables does not yield working credentials.
 */
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export const TOKEN_BYTES = 20;

export function generateToken(bytes = TOKEN_BYTES): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

/** The token's SHA-256 in lower-case hex, by node:crypto (the pure-JavaScript hash cost ~0.1 ms per request under load). */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compare two hex digests without leaking, through timing, how many leading characters match. */
export function sameDigest(a: string, b: string): boolean {
	const ea = new TextEncoder().encode(a);
	const eb = new TextEncoder().encode(b);
	return ea.length === eb.length && constantTimeEqual(ea, eb);
}
