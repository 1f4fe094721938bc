/**
 * Signed letters. The letter number and the essentials a consulate checks are signed with the
 * edition's Ed25519 key, the same key that signs badge codes (badges/): one key per edition to keep
 * and publish, and the message starts with `HWV1` where badge codes start with `HW1`, so a letter
 * signature can never pass for a badge code or the other way round.
 *
 * The message is rebuilt from the letter's stored columns at every verification, so changing any
 * signed column (in the database, a backup, a copy) makes the letter fail as not genuine.
 */
import { createPrivateKey, createPublicKey, sign, verify as edVerify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding, decodeBase64url } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { db, type Executor } from '../db';
import * as badges from '../badges';
import { events } from '../events/tables';
import { visaLetters } from './tables';
import { maskName } from './rules';

export const PREFIX = 'HWV1';

export interface SignedFields {
	kid: string;
	eventId: string;
	number: string;
	verifyId: string;
	passportName: string;
	nationality: string;
	entryDate: string;
	exitDate: string;
	entries: string;
	issuedAt: Date;
}

/** One line per field, in a fixed order; no field can contain a newline (the schemas forbid it). */
export function message(f: SignedFields): string {
	return [PREFIX, f.kid, f.eventId, f.number, f.verifyId, f.passportName, f.nationality, f.entryDate, f.exitDate, f.entries, f.issuedAt.toISOString()].join('\n');
}

export function signFields(key: { privateKey: string }, f: SignedFields): string {
	const pk = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
	return Buffer.from(sign(null, Buffer.from(message(f)), pk)).toString('base64url');
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function verifyFields(publicKey: string, f: SignedFields, signature: string): boolean {
	try {
		const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(decodeBase64url(publicKey))]), format: 'der', type: 'spki' });
		return edVerify(null, Buffer.from(message(f)), key, Buffer.from(signature, 'base64url'));
	} catch {
		return false;
	}
}

/** 10 base32 characters (50 bits): short enough to type from paper, too many to guess. */
export function newVerifyId(): string {
	return encodeBase32UpperCaseNoPadding(randomBytes(10)).slice(0, 10);
}

export function verifyUrl(base: string, verifyId: string, signature?: string): string {
	return `${base}/verify/${verifyId}${signature ? `?s=${signature}` : ''}`;
}

export type Verdict = 'genuine' | 'revoked' | 'superseded' | 'invalid' | 'unknown';

export interface Verification {
	verdict: Verdict;
	/** Genuine and not revoked. */
	current: boolean;
	letter?: {
		number: string;
		name: string;
		nationality: string;
		entryDate: string;
		exitDate: string;
		entries: string;
		issuedAt: string;
		revokedAt: string | null;
		event: { zh: string; en: string };
	};
	/** The edition's public key; the signed message holds the full name, so it is not shown to the public. */
	key?: { kid: string; publicKey: string; algorithm: 'Ed25519' };
}

/**
 * What the public verification page shows. `presented` is the signature carried in the QR code, if
 * any: a QR whose signature differs from the letter's is not genuine either.
 */
export async function check(verifyId: string, presented?: string | null, ex: Executor = db): Promise<Verification> {
	if (!/^[A-Z2-7]{10}$/.test(verifyId)) return { verdict: 'unknown', current: false };
	const [row] = await ex
		.select({ letter: visaLetters, eventName: events.name })
		.from(visaLetters)
		.innerJoin(events, eq(events.id, visaLetters.eventId))
		.where(eq(visaLetters.verifyId, verifyId))
		.limit(1);
	if (!row) return { verdict: 'unknown', current: false };
	const l = row.letter;
	const key = await badges.eventKey(ex, l.eventId);
	const fields: SignedFields = { ...l, kid: l.kid };
	const genuine = l.kid === key.kid && verifyFields(key.publicKey, fields, l.signature) && (!presented || presented === l.signature);
	if (!genuine) return { verdict: 'invalid', current: false };
	const verdict: Verdict = l.revokedAt ? (l.revokeReason === 'corrected' ? 'superseded' : 'revoked') : 'genuine';
	return {
		verdict,
		current: verdict === 'genuine',
		letter: {
			number: l.number,
			name: maskName(l.passportName),
			nationality: l.nationality,
			entryDate: l.entryDate,
			exitDate: l.exitDate,
			entries: l.entries,
			issuedAt: l.issuedAt.toISOString(),
			revokedAt: l.revokedAt?.toISOString() ?? null,
			event: row.eventName
		},
		key: { kid: key.kid, publicKey: key.publicKey, algorithm: 'Ed25519' }
	};
}
