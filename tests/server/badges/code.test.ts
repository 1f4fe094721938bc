import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { generateKeyPair, parseCode, signCode, verifyCode } from '$lib/server/badges/code';

describe('badge codes', () => {
	const key = generateKeyPair();
	const code = signCode(key, 'ABCDEFGHJK', 1);

	it('have the versioned format and verify with the event key', () => {
		expect(code).toMatch(/^HW1:[A-Z2-7]{4}:ABCDEFGHJK:1:[A-Z2-7]{103}$/);
		expect(verifyCode(code, key)).toMatchObject({ ok: true, parsed: { publicId: 'ABCDEFGHJK', version: 1, kid: key.kid } });
	});

	it('fit a QR code of version 10 or less at error correction M, in alphanumeric mode', () => {
		const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
		expect(qr.version).toBeLessThanOrEqual(10);
		expect(qr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
	});

	it('reject any altered character', () => {
		for (const i of [6, 12, 16, code.length - 1, code.length - 50]) {
			const c = code[i] === 'A' ? 'B' : 'A';
			const altered = code.slice(0, i) + c + code.slice(i + 1);
			const r = verifyCode(altered, key);
			expect(r.ok, `position ${i}`).toBe(false);
			expect(['invalid_signature', 'wrong_event', 'unknown_code']).toContain((r as { reason: string }).reason);
		}
		// Changing only the version number must break the signature.
		expect(verifyCode(code.replace(':1:', ':2:'), key)).toMatchObject({ ok: false, reason: 'invalid_signature' });
	});

	it("tell another event's badge from a forgery", () => {
		const other = generateKeyPair();
		const foreign = signCode(other, 'ABCDEFGHJK', 1);
		expect(verifyCode(foreign, key)).toMatchObject({ ok: false, reason: 'wrong_event' });
		// A forger who copies our kid but signs with their own key.
		const forged = signCode({ kid: key.kid, privateKey: other.privateKey }, 'ABCDEFGHJK', 1);
		expect(verifyCode(forged, key)).toMatchObject({ ok: false, reason: 'invalid_signature' });
	});

	it('reject garbage as unknown_code', () => {
		for (const junk of ['', 'hello', 'HW1:', "HW1:AAAA:ABCDEFGHJK:1:' OR 1=1", 'x'.repeat(5000)]) {
			expect(verifyCode(junk, key)).toEqual({ ok: false, reason: 'unknown_code' });
		}
		expect(parseCode(code.toLowerCase())).toBeNull();
	});
});
