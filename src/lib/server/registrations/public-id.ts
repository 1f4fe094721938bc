import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/**
 * A registration's public id: 10 base32 characters (50 random bits). It names the registration in
 * the badge code; the signature, not this id, is what makes a badge unforgeable.
 */
export function newPublicId(): string {
	const b = new Uint8Array(7);
	crypto.getRandomValues(b);
	return encodeBase32UpperCaseNoPadding(b).slice(0, 10);
}
