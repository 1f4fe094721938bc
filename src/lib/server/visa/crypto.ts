/**
 * Passport numbers and dates of birth at rest: AES-256-GCM (node:crypto), a random 96-bit nonce per
 * value, and the row id and column as associated data, so a ciphertext copied into another row or
 * column does not decrypt. Stored as `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 *
 * The key: `VISA_DATA_KEY` (base64 of 32 bytes). Without it, on the embedded default, a key file is
 * created in DATA_DIR on first use (mode 0600) and read after that; with DATABASE_URL the database
 * may live on other machines and in their backups, so a key beside one app instance would be wrong:
 * the visa feature refuses to work (`visa_key_missing`) until the key is set.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors';

const KEY_FILE = 'visa-data.key';
let cached: { source: string; key: Buffer } | undefined;

function parseKey(b64: string, where: string): Buffer {
	const key = Buffer.from(b64.trim(), 'base64');
	if (key.length !== 32) throw new Error(`${where} must be 32 bytes in base64 (openssl rand -base64 32)`);
	return key;
}

/** Where the key comes from with this environment; null when the feature must stay off. */
export function keySource(env: NodeJS.ProcessEnv = process.env): string | null {
	if (env.VISA_DATA_KEY) return 'env';
	if (env.DATABASE_URL) return null;
	return path.resolve(env.DATA_DIR || './data', KEY_FILE);
}

export function dataKey(env: NodeJS.ProcessEnv = process.env): Buffer {
	const source = keySource(env);
	if (!source) throw new DomainError('visa_key_missing', { status: 503 });
	if (cached?.source === (source === 'env' ? `env:${env.VISA_DATA_KEY}` : source)) return cached.key;
	let key: Buffer;
	if (source === 'env') key = parseKey(env.VISA_DATA_KEY!, 'VISA_DATA_KEY');
	else {
		fs.mkdirSync(path.dirname(source), { recursive: true });
		try {
			// `wx`: of two processes starting at once, one creates the file and the other reads it.
			fs.writeFileSync(source, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		key = parseKey(fs.readFileSync(source, 'utf8'), source);
	}
	cached = { source: source === 'env' ? `env:${env.VISA_DATA_KEY}` : source, key };
	return key;
}

const b64 = (b: Buffer) => b.toString('base64url');

export function seal(plain: string, context: string, key = dataKey()): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context));
	const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return `v1.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ct)}`;
}

/** The clear text, or a `visa_data_unreadable` error for a value sealed with another key or context. */
export function open(sealed: string, context: string, key = dataKey()): string {
	const [v, iv, tag, ct] = sealed.split('.');
	if (v !== 'v1' || !iv || !tag || ct === undefined) throw new DomainError('visa_data_unreadable', { status: 500 });
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
		decipher.setAAD(Buffer.from(context));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		throw new DomainError('visa_data_unreadable', { status: 500 });
	}
}

/** The associated data of one column of one request. */
export const context = (requestId: string, column: 'passport_number' | 'date_of_birth') => `visa_requests:${requestId}:${column}`;
