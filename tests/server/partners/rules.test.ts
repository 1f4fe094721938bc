import { describe, expect, it } from 'vitest';
import { DECK_MAX_BYTES, LOGO_MAX_BYTES, checkUpload, csvCell, delegateStage, overlaps, slotInside, sniffLogo, toCsv } from '$lib/server/partners/rules';

const bytes = (...b: number[]) => new Uint8Array(b);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);

describe('upload checks by content and size', () => {
	it('recognise images by their magic bytes, not by name', () => {
		expect(sniffLogo(PNG)).toBe('image/png');
		expect(sniffLogo(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
		expect(sniffLogo(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(sniffLogo(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
		expect(sniffLogo(new TextEncoder().encode('GIF89a'))).toBeNull();
	});
	it('accept a deck only when it starts with %PDF- and fits the limit', () => {
		expect(checkUpload('deck', new TextEncoder().encode('%PDF-1.7'))).toBeNull();
		expect(checkUpload('deck', new TextEncoder().encode('<html>%PDF-'))).toBe('upload_wrong_type');
		expect(checkUpload('deck', new Uint8Array(0))).toBe('upload_empty');
		const big = new Uint8Array(DECK_MAX_BYTES + 1);
		big.set(new TextEncoder().encode('%PDF-'));
		expect(checkUpload('deck', big)).toBe('upload_too_large');
		expect(checkUpload('deck', big.subarray(0, DECK_MAX_BYTES))).toBeNull();
		const logo = new Uint8Array(LOGO_MAX_BYTES + 1);
		logo.set(PNG);
		expect(checkUpload('logo', logo)).toBe('upload_too_large');
		expect(checkUpload('logo', PNG)).toBeNull();
	});
});

describe('pitch slots', () => {
	const s = { startsAt: new Date('2026-07-08T06:00:00Z'), endsAt: new Date('2026-07-08T07:00:00Z') };
	it('lie inside the session', () => {
		expect(slotInside(s, new Date('2026-07-08T06:00:00Z'), 60)).toBe(true);
		expect(slotInside(s, new Date('2026-07-08T06:50:00Z'), 11)).toBe(false);
		expect(slotInside(s, new Date('2026-07-08T05:59:00Z'), 5)).toBe(false);
		expect(slotInside({ startsAt: null, endsAt: null }, new Date(), 5)).toBe(false);
	});
	it('touching slots do not overlap', () => {
		const a = { start: new Date('2026-07-08T06:00:00Z'), minutes: 10 };
		expect(overlaps(a, { start: new Date('2026-07-08T06:10:00Z'), minutes: 10 })).toBe(false);
		expect(overlaps(a, { start: new Date('2026-07-08T06:09:00Z'), minutes: 10 })).toBe(true);
	});
});

describe('delegate stage', () => {
	const base = { expiresAt: new Date(Date.now() + 1000), registrationStatus: null, badgeIssued: false, checkedInDay: null };
	it('follows the furthest fact', () => {
		expect(delegateStage({ ...base, status: 'invited' })).toBe('invited');
		expect(delegateStage({ ...base, status: 'invited', expiresAt: new Date(0) })).toBe('expired');
		expect(delegateStage({ ...base, status: 'withdrawn' })).toBe('withdrawn');
		expect(delegateStage({ ...base, status: 'accepted', registrationStatus: 'pending' })).toBe('registered');
		expect(delegateStage({ ...base, status: 'accepted', registrationStatus: 'approved' })).toBe('approved');
		expect(delegateStage({ ...base, status: 'accepted', registrationStatus: 'approved', badgeIssued: true })).toBe('badge_issued');
		expect(delegateStage({ ...base, status: 'accepted', registrationStatus: 'approved', badgeIssued: true, checkedInDay: '2026-07-07' })).toBe('checked_in');
		expect(delegateStage({ ...base, status: 'accepted', registrationStatus: 'rejected' })).toBe('rejected');
	});
});

describe('CSV export', () => {
	it('quotes and defuses formulas', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell(null)).toBe('');
		expect(toCsv(['a', 'b'], [[1, '中文']])).toBe('a,b\r\n1,中文\r\n');
	});
});
