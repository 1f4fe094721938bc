/**
 * Token primitives, after the Lucia guide. A token is 20 random bytes (160 bits, above the 128-bit
 * floor of OWASP ASVS) in lower-case base32; the database keeps only its SHA-256, so a read of the
 * tables does not yield working credentials.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export const TOKEN_BYTES = 20;

export function generateToken(bytes = TOKEN_BYTES): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Compare two hex digests without leaking, through timing, how many leading characters match. */
export function sameDigest(a: string, b: string): boolean {
	const ea = new TextEncoder().encode(a);
	const eb = new TextEncoder().encode(b);
	return ea.length === eb.length && constantTimeEqual(ea, eb);
}
