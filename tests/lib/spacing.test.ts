import { describe, expect, it } from 'vitest';
import { spaceCjk } from '../../src/lib/i18n/spacing';

describe('spaceCjk', () => {
	it('spaces Chinese from Latin words and from numbers after it, not dates and units', () => {
		expect(spaceCjk('报名参加2018 中国海创周')).toBe('报名参加 2018 中国海创周');
		expect(spaceCjk('AI论坛与Big data')).toBe('AI 论坛与 Big data');
		expect(spaceCjk('2026年12月2日 · 剩余 89 个名额')).toBe('2026年12月2日 · 剩余 89 个名额');
		expect(spaceCjk('Register for Week 2018')).toBe('Register for Week 2018');
	});
});
