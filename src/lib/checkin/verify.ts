/**
 * Badge code verification in the browser, for offline scans: the same `HW1:<kid>:<publicId>:
 * <version>:<signature>` format as `$lib/server/badges/code.ts`. WebCrypto Ed25519 where the
 * browser has it (current Chromium, Firefox, Safari), else the audited `@noble/ed25519`.
 */
import { decodeBase32IgnorePadding, decodeBase64url } from '@oslojs/encoding';

const CODE_RE = /^HW1:([A-Z2-7]{4}):([A-Z2-7]{10}):(\d{1,4}):([A-Z2-7]{103})$/;

export interface Parsed {
	kid: string;
	publicId: string;
	version: number;
	signature: Uint8Array;
	message: string;
}

export function parse(code: string): Parsed | null {
	const m = CODE_RE.exec(code.trim());
	if (!m) return null;
	try {
		const signature = decodeBase32IgnorePadding(m[4]);
		if (signature.length !== 64) return null;
		return { kid: m[1], publicId: m[2], version: Number(m[3]), signature, message: `HW1:${m[1]}:${m[2]}:${m[3]}` };
	} catch {
		return null;
	}
}

let webcrypto: boolean | undefined;
const keys = new Map<string, CryptoKey>();

async function verifySignature(p: Parsed, publicKey: string): Promise<boolean> {
	const raw = decodeBase64url(publicKey);
	const message = new TextEncoder().encode(p.message);
	if (webcrypto !== false) {
		try {
			let key = keys.get(publicKey);
			if (!key) {
				key = await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
				keys.set(publicKey, key);
			}
			webcrypto = true;
			return await crypto.subtle.verify({ name: 'Ed25519' }, key, p.signature as BufferSource, message);
		} catch (e) {
			if (webcrypto) throw e;
			webcrypto = false;
		}
	}
	const ed = await import('@noble/ed25519');
	return ed.verifyAsync(p.signature, message, raw);
}

export type Verified = { ok: true; parsed: Parsed } | { ok: false; reason: 'unknown_code' | 'invalid_signature' | 'wrong_event'; parsed?: Parsed };

export async function verify(code: string, key: { kid: string; publicKey: string }): Promise<Verified> {
	const parsed = parse(code);
	if (!parsed) return { ok: false, reason: 'unknown_code' };
	if (parsed.kid !== key.kid) return { ok: false, reason: 'wrong_event', parsed };
	try {
		if (!(await verifySignature(parsed, key.publicKey))) return { ok: false, reason: 'invalid_signature', parsed };
	} catch {
		return { ok: false, reason: 'invalid_signature', parsed };
	}
	return { ok: true, parsed };
}

/** Which implementation verified (shown in the scanner's footer, useful on old phones). */
export const verifier = () => (webcrypto === false ? 'noble-ed25519' : 'webcrypto');
