/** Input hygiene rules (src/lib/schemas/text.ts) and the two standards fixes, without a server. */
import { describe, expect, it } from 'vitest';
import { isCleanText, str, uncleanPaths, MAX_TEXT } from '$lib/schemas/text';
import { propertiesFirst } from '$lib/server/schedule/ical';
import { acronym } from '$lib/server/schedule/frab';

describe('isCleanText', () => {
	it('refuses NUL, other controls, DEL, C1, U+FFFE/U+FFFF and lone surrogates', () => {
		for (const bad of ['a\u0000b', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\u0085', '\u009F', '\uFFFE', '\uFFFF', '\uD800', 'x\uDBFF', '\uDC00y', '\uDFFF\uD800']) expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
	});
	it('accepts tab, line breaks, Chinese, emoji (surrogate pairs) and quotes', () => {
		for (const ok of ['', 'a\tb\nc\r\n', '海创周', '👩🏽‍💻', '"\'%..', '\u202Eevil', '\u00A0']) expect(isCleanText(ok), JSON.stringify(ok)).toBe(true);
	});
});

describe('str()', () => {
	it('refuses unclean text with v_text_chars before the other checks, and over-long text', () => {
		const s = str().trim().min(1, { error: 'v_required' }).max(20);
		expect(s.safeParse('a\u0000').error?.issues.map((i) => i.message)).toEqual(['v_text_chars']);
		expect(s.safeParse(' ok ').data).toBe('ok');
		expect(str().safeParse('x'.repeat(MAX_TEXT + 1)).error?.issues.map((i) => i.message)).toEqual(['v_too_long']);
		expect(str().safeParse('x'.repeat(MAX_TEXT)).success).toBe(true);
	});
});

describe('uncleanPaths', () => {
	it('finds unclean strings and keys anywhere in a parsed body', () => {
		expect(uncleanPaths({ a: 'ok', b: ['x', 'y\u0000'], c: { ['k\uD800']: 1, d: { e: '\u0007' } } })).toEqual(['b.1', 'c', 'c.d.e']);
		expect(uncleanPaths('\u0000')).toEqual(['_']);
		expect(uncleanPaths({ a: 1, b: null, c: true, d: '海创' })).toEqual([]);
	});
});

describe('standards fixes', () => {
	it('puts calendar properties before components, folded lines kept with their property', () => {
		const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VTIMEZONE', 'TZID:Asia/Shanghai', 'END:VTIMEZONE', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H', 'X-WR-CALNAME:long', ' continued', 'BEGIN:VEVENT', 'UID:1', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
		expect(propertiesFirst(text).split('\r\n')).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H', 'X-WR-CALNAME:long', ' continued', 'BEGIN:VTIMEZONE', 'TZID:Asia/Shanghai', 'END:VTIMEZONE', 'BEGIN:VEVENT', 'UID:1', 'END:VEVENT', 'END:VCALENDAR', '']);
	});
	it('makes frab acronyms the official pattern accepts', () => {
		const json = /^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/;
		for (const slug of ['haichuang-2018', 'hw', 'a-b-c', 'Big.Week']) {
			expect(acronym(slug), slug).toMatch(json);
			expect(acronym(slug), slug).toMatch(/^[a-z0-9_-]{4,}$/);
		}
		expect(acronym('haichuang-2018')).toBe('haichuang_2018');
	});
});
