import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataKey, keySource, open, seal, context } from '$lib/server/visa/crypto';

describe('the data key', () => {
	it('on the embedded default, is created once in DATA_DIR with mode 0600 and read back after', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visa-key-'));
		const env = { DATA_DIR: dir };
		expect(keySource(env)).toBe(path.join(dir, 'visa-data.key'));
		const k1 = dataKey(env);
		const file = path.join(dir, 'visa-data.key');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(k1.length).toBe(32);
		const sealed = seal('AB1234567', context('r1', 'passport_number'), k1);
		// Another process (no cache) reads the same key from the file.
		const again = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
		expect(open(sealed, context('r1', 'passport_number'), again)).toBe('AB1234567');
	});
	it('with DATABASE_URL and no VISA_DATA_KEY, the feature refuses to work', () => {
		expect(keySource({ DATABASE_URL: 'postgres://x' })).toBeNull();
		expect(() => dataKey({ DATABASE_URL: 'postgres://x' })).toThrow(expect.objectContaining({ code: 'visa_key_missing', status: 503 }));
		expect(keySource({ DATABASE_URL: 'postgres://x', VISA_DATA_KEY: Buffer.alloc(32, 1).toString('base64') })).toBe('env');
	});
	it('refuses a key of the wrong length', () => {
		expect(() => dataKey({ VISA_DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow('VISA_DATA_KEY must be 32 bytes');
	});
	it('authenticates the row and column: a value moved elsewhere or altered does not open', () => {
		const key = Buffer.alloc(32, 3);
		const s = seal('1988-04-12', context('r1', 'date_of_birth'), key);
		expect(s).not.toContain('1988');
		expect(seal('1988-04-12', context('r1', 'date_of_birth'), key)).not.toBe(s);
		expect(() => open(s, context('r2', 'date_of_birth'), key)).toThrow(expect.objectContaining({ code: 'visa_data_unreadable' }));
		expect(() => open(s, context('r1', 'passport_number'), key)).toThrow(expect.objectContaining({ code: 'visa_data_unreadable' }));
		expect(() => open(s, context('r1', 'date_of_birth'), Buffer.alloc(32, 4))).toThrow(expect.objectContaining({ code: 'visa_data_unreadable' }));
		const parts = s.split('.');
		parts[3] = Buffer.from('1999-04-12').toString('base64url');
		expect(() => open(parts.join('.'), context('r1', 'date_of_birth'), key)).toThrow(expect.objectContaining({ code: 'visa_data_unreadable' }));
	});
});
