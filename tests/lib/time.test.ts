import { describe, expect, it } from 'vitest';
import { addDays, localDate, localTime, offsetMinutes, zonedTime, isValidTimeZone, formatDateRange } from '$lib/time';

describe('time zones', () => {
	it('converts a Shanghai wall time to UTC', () => {
		expect(zonedTime('2018-07-06', '09:30', 'Asia/Shanghai').toISOString()).toBe('2018-07-06T01:30:00.000Z');
	});
	it('handles both sides of a Vancouver DST change', () => {
		// DST ends 2026-11-01 02:00 PDT -> 01:00 PST.
		expect(zonedTime('2026-10-31', '10:00', 'America/Vancouver').toISOString()).toBe('2026-10-31T17:00:00.000Z');
		expect(zonedTime('2026-11-02', '10:00', 'America/Vancouver').toISOString()).toBe('2026-11-02T18:00:00.000Z');
		expect(offsetMinutes(new Date('2026-10-31T17:00:00Z'), 'America/Vancouver')).toBe(-420);
		expect(offsetMinutes(new Date('2026-11-02T18:00:00Z'), 'America/Vancouver')).toBe(-480);
	});
	it('reads local date and time back', () => {
		const t = new Date('2018-07-06T17:30:00Z');
		expect(localDate(t, 'Asia/Shanghai')).toBe('2018-07-07');
		expect(localTime(t, 'Asia/Shanghai')).toBe('01:30');
		expect(localDate(t, 'America/Vancouver')).toBe('2018-07-06');
	});
	it('adds days across month ends', () => {
		expect(addDays('2018-07-30', 3)).toBe('2018-08-02');
	});
	it('validates IANA zones', () => {
		expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
	});
	it('formats a date range in both languages', () => {
		expect(formatDateRange('2018-07-06', '2018-07-10', 'en').replace(/\s/g, '')).toBe('6–10July2018');
		expect(formatDateRange('2018-07-06', '2018-07-10', 'zh-CN')).toBe('2018年7月6日至10日');
	});
});
