/**
 * Badge codes: `HW1:<kid>:<publicId>:<version>:<signature>`.
 *
 * - `HW1` is the format version; `kid` names the event key (4 base32 chars of its SHA-256);
 *   `publicId` is the registration's public id; `version` counts reissues.
 * - The signature is Ed25519 over `HW1:<kid>:<publicId>:<version>`, in upper-case base32 (103 chars).
 * - Every character is in the QR alphanumeric set (0-9 A-Z : and space...), so the whole code
 *   (about 125 characters) fits a version 6 QR code at error correction M, well under version 10.
 *
 * Pure functions over `node:crypto`; the browser verifier uses the same format (WebCrypto or
 * @noble/ed25519).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash, type KeyObject } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding, encodeBase64url, decodeBase64url } from '@oslojs/encoding';
import { cache as newCache } from '../cache';

export const PREFIX = 'HW1';
const CODE_RE = /^HW1:([A-Z2-7]{4}):([A-Z2-7]{10}):(\d{1,4}):([A-Z2-7]{103})$/;

export interface ParsedCode {
	kid: string;
	publicId: string;
	version: number;
	signature: Uint8Array;
	message: string;
}

export interface KeyPair {
	kid: string;
	publicKey: string; // raw 32 bytes, base64url
	privateKey: string; // pkcs8 der, base64
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function kidOf(publicKeyRaw: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(createHash('sha256').update(publicKeyRaw).digest()).slice(0, 4);
}

export function generateKeyPair(): KeyPair {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
	return {
		kid: kidOf(raw),
		publicKey: encodeBase64url(raw),
		privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
	};
}

// Parsing a PKCS#8 key costs more than the Ed25519 signature itself; an event has one key for life.
const privateKeys = newCache<KeyObject>({ max: 100 });
function privateKeyObject(der: string): KeyObject {
	let pk = privateKeys.get(der);
	if (!pk) {
		pk = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
		privateKeys.set(der, pk);
	}
	return pk;
}

export function signCode(key: Pick<KeyPair, 'kid' | 'privateKey'>, publicId: string, version: number): string {
	const message = `${PREFIX}:${key.kid}:${publicId}:${version}`;
	const sig = sign(null, Buffer.from(message), privateKeyObject(key.privateKey));
	return `${message}:${encodeBase32UpperCaseNoPadding(sig)}`;
}

export function parseCode(code: string): ParsedCode | null {
	const m = CODE_RE.exec(code.trim());
	if (!m) return null;
	let signature: Uint8Array;
	try {
		signature = decodeBase32IgnorePadding(m[4]);
	} catch {
		return null;
	}
	if (signature.length !== 64) return null;
	return { kid: m[1], publicId: m[2], version: Number(m[3]), signature, message: `${PREFIX}:${m[1]}:${m[2]}:${m[3]}` };
}

/** Parsed public keys: an event has one, and parsing it costs more than the verification. */
const keyObjects = newCache<KeyObject>({ max: 100 });

function keyObject(publicKey: string): KeyObject {
	let key = keyObjects.get(publicKey);
	if (!key) {
		key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(decodeBase64url(publicKey))]), format: 'der', type: 'spki' });
		keyObjects.set(publicKey, key);
	}
	return key;
}

export function verifyParsed(parsed: ParsedCode, publicKey: string): boolean {
	try {
		return verify(null, Buffer.from(parsed.message), keyObject(publicKey), parsed.signature);
	} catch {
		return false;
	}
}

export type VerifyResult =
	| { ok: true; parsed: ParsedCode }
	| { ok: false; reason: 'unknown_code' | 'invalid_signature' | 'wrong_event'; parsed?: ParsedCode };

/**
 * Verified codes: the same badge is scanned again at every door and every day, and the answer for
 * one code under one key never changes (revocation is checked against the database, not here).
 */
const verified = newCache<VerifyResult>({ max: 20_000 });

/** Offline-capable verification against one event's public key. */
export function verifyCode(code: string, key: { kid: string; publicKey: string }): VerifyResult {
	const cacheKey = `${key.publicKey} ${code}`;
	const hit = verified.get(cacheKey);
	if (hit) return hit;
	const result = verifyUncached(code, key);
	// Only genuine codes are kept: a flood of forged ones cannot push them out.
	if (result.ok) verified.set(cacheKey, result);
	return result;
}

/**
 * The cheap half of `verifyCode` for the check-in path: a code verified before answers from the
 * cache; otherwise only its shape and key id are checked, and `unchecked` says the signature is
 * still to be settled. The caller settles it with `settleCode`: a code equal to the one the server
 * itself issued and stored for that badge is genuine by construction (the server signed it), so
 * the Ed25519 verification (~0.1–0.3 ms of CPU) is spent only on codes the database does not know.
 */
export function precheckCode(code: string, key: { kid: string; publicKey: string }): VerifyResult & { unchecked?: true } {
	const hit = verified.get(`${key.publicKey} ${code}`);
	if (hit) return hit;
	const parsed = parseCode(code);
	if (!parsed) return { ok: false, reason: 'unknown_code' };
	if (parsed.kid !== key.kid) return { ok: false, reason: 'wrong_event', parsed };
	return { ok: true, parsed, unchecked: true };
}

/**
 * Settles a `precheckCode` result: `issued` is the code the database holds for that badge (same
 * event, same version), if any. Equal: genuine, remembered. Otherwise the signature decides.
 */
export function settleCode(code: string, key: { kid: string; publicKey: string }, pre: VerifyResult & { unchecked?: true }, issued: string | null): VerifyResult {
	if (!pre.ok || !pre.unchecked) return pre;
	if (issued !== null && issued === code.trim()) {
		const result: VerifyResult = { ok: true, parsed: pre.parsed };
		verified.set(`${key.publicKey} ${code}`, result);
		return result;
	}
	return verifyCode(code, key);
}

function verifyUncached(code: string, key: { kid: string; publicKey: string }): VerifyResult {
	const parsed = parseCode(code);
	if (!parsed) return { ok: false, reason: 'unknown_code' };
	if (parsed.kid !== key.kid) return { ok: false, reason: 'wrong_event', parsed };
	if (!verifyParsed(parsed, key.publicKey)) return { ok: false, reason: 'invalid_signature', parsed };
	return { ok: true, parsed };
}
