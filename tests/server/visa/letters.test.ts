import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useTestDatabase } from '../../helpers/db';
import * as visa from '$lib/server/visa';
import { checkImage, imageKind } from '$lib/server/visa/settings';
import { sealPng } from '$lib/server/seed/visa';
import { input, registered, visaEdition } from './helpers';

useTestDatabase();
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'visa-letters-'));

describe('letterhead and seal uploads', () => {
	it('are checked by content and size, whatever their name', () => {
		const png = sealPng(64);
		expect(imageKind(png)).toBe('png');
		expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
		expect(imageKind(new TextEncoder().encode('GIF89a...'))).toBeNull();
		expect(imageKind(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(() => checkImage(new TextEncoder().encode('%PDF-1.7'), 'seal')).toThrow(expect.objectContaining({ code: 'upload_wrong_type', fields: { seal: ['e_visa_image_type'] } }));
		const big = new Uint8Array(2 * 1024 * 1024 + 1);
		big.set(png.subarray(0, 8));
		expect(() => checkImage(big, 'letterhead')).toThrow(expect.objectContaining({ code: 'upload_too_large', status: 413 }));
	});
});

describe('letter PDF', () => {
	it('prints both scripts, the person, the itinerary and the verification link; only organizers upload images', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		await expect(visa.settings.setImage(user, event.id, 'seal', sealPng())).rejects.toMatchObject({ code: 'forbidden' });
		await visa.settings.setImage(organizer, event.id, 'seal', sealPng());
		const r = await visa.create(user, event.id, input());
		const { letter } = await visa.decide(organizer, r.id, 'approve');
		const { bytes, number } = await visa.pdf(user, r.id);
		expect(number).toBe('HCZ2026-0001');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visa-pdf-'));
		fs.writeFileSync(path.join(dir, 'letter.pdf'), bytes);
		if (process.env.KEEP_PDF) fs.copyFileSync(path.join(dir, 'letter.pdf'), process.env.KEEP_PDF);
		const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' });
		for (const s of ['邀请函', 'INVITATION LETTER', 'HCZ2026-0001', '中华人民共和国驻Vancouver使（领）馆', 'AVERY ATTENDEE', 'AB1234567', '1988-04-12', '加拿大 Canada', '2026-07-05', '抵达大连 / Arrival in Dalian', '离境 / Departure', '刘建国 Liu Jianguo', `/verify/${letter!.verifyId}`])
			expect([s, text.includes(s)]).toEqual([s, true]);
		// One page, images embedded: the seal is drawn.
		const info = execFileSync('pdfinfo', [path.join(dir, 'letter.pdf')], { encoding: 'utf8' });
		expect(info).toMatch(/Pages:\s+1\n/);
		expect(execFileSync('pdfimages', ['-list', path.join(dir, 'letter.pdf')], { encoding: 'utf8' }).split('\n').filter((l) => /^\s+1\s+\d+\s+image/.test(l))).toHaveLength(1);
		expect(bytes.length).toBeLessThan(200_000);
	});
});
