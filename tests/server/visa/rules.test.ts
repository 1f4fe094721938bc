import { describe, expect, it } from 'vitest';
import * as rules from '$lib/server/visa/rules';
import { addMonths, visaRequestSchema } from '$lib/schemas/visa';
import { localizeIssues } from '$lib/i18n/errors';
import { input } from './helpers';

const ev = { startDate: '2026-07-06', endDate: '2026-07-10' };

describe('state machine', () => {
	it('allows exactly these transitions', () => {
		const table: Record<string, Record<string, string | null>> = {};
		for (const s of ['submitted', 'correction', 'approved', 'rejected', 'revoked', 'withdrawn'] as const)
			for (const a of ['approve', 'reject', 'correct', 'resubmit', 'revoke', 'withdraw'] as const) (table[s] ??= {})[a] = rules.next(s, a);
		expect(table).toEqual({
			submitted: { approve: 'approved', reject: 'rejected', correct: 'correction', resubmit: null, revoke: null, withdraw: 'withdrawn' },
			correction: { approve: null, reject: 'rejected', correct: null, resubmit: 'submitted', revoke: null, withdraw: 'withdrawn' },
			approved: { approve: null, reject: null, correct: 'correction', resubmit: null, revoke: 'revoked', withdraw: null },
			rejected: { approve: null, reject: null, correct: null, resubmit: null, revoke: null, withdraw: null },
			revoked: { approve: null, reject: null, correct: null, resubmit: null, revoke: null, withdraw: null },
			withdrawn: { approve: null, reject: null, correct: null, resubmit: null, revoke: null, withdraw: null }
		});
		expect(rules.organizerActions('submitted')).toEqual(['approve', 'reject', 'correct']);
		expect(rules.organizerActions('approved')).toEqual(['correct', 'revoke']);
		expect(rules.organizerActions('rejected')).toEqual([]);
	});
});

describe('field validation', () => {
	const problems = (v: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') => {
		const r = visaRequestSchema.safeParse(v);
		return r.success ? {} : localizeIssues(r.error, locale);
	};
	it('accepts valid input and normalises name and passport number', () => {
		const r = visaRequestSchema.parse({ ...input(), passportName: '  avery   attendee ', passportNumber: 'ab 123 4567' });
		expect(r.passportName).toBe('AVERY ATTENDEE');
		expect(r.passportNumber).toBe('AB1234567');
	});
	it('explains each bad field in both languages', () => {
		expect(problems({ ...input(), passportExpiry: '2026-12-31' })).toEqual({ passportExpiry: ['The passport must be valid for at least six months after the planned exit date.'] });
		expect(problems({ ...input(), passportExpiry: '2026-12-31' }, 'zh-CN')).toEqual({ passportExpiry: ['护照有效期须在计划离境日期后至少六个月。'] });
		expect(problems({ ...input(), entryDate: '2026-07-12', exitDate: '2026-07-11' })).toEqual({ exitDate: ['The exit date cannot be before the entry date.'] });
		expect(problems({ ...input(), passportName: '王丽' })).toEqual({ passportName: ['Enter the name exactly as printed in the passport, in Latin letters (A–Z, spaces, hyphens).'] });
		expect(problems({ ...input(), passportNumber: '12' })).toEqual({ passportNumber: ['Enter the passport number: 5 to 20 letters and digits.'] });
		expect(problems({ ...input(), dateOfBirth: '2999-01-01' })).toEqual({ dateOfBirth: ['The date of birth must be in the past.'] });
		expect(problems({ ...input(), entryDate: '2026-02-30' })).toMatchObject({ entryDate: ['Enter a valid date.'] });
		expect(problems({ ...input(), sex: 'Q', entries: 'many', consulate: '' })).toEqual({ sex: ['Choose one of the options.'], entries: ['Choose one of the options.'], consulate: ['This field is required.'] });
	});
	it('six months after exit, counted as consulates do', () => {
		expect(addMonths('2026-07-11', 6)).toBe('2027-01-11');
		expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
		expect(visaRequestSchema.safeParse({ ...input(), passportExpiry: '2027-01-11' }).success).toBe(true);
		expect(visaRequestSchema.safeParse({ ...input(), passportExpiry: '2027-01-10' }).success).toBe(false);
	});
	it('checks the stay and nationality against the edition', () => {
		expect(rules.checkAgainstEvent({ nationality: 'CA', entryDate: '2026-07-05', exitDate: '2026-07-11' }, ev)).toEqual({});
		expect(rules.checkAgainstEvent({ nationality: 'CN', entryDate: '2026-07-11', exitDate: '2026-07-12' }, ev)).toEqual({ nationality: ['v_visa_nationality'], entryDate: ['v_visa_entry_after_event'] });
		expect(rules.checkAgainstEvent({ nationality: 'ZZ', entryDate: '2026-06-01', exitDate: '2026-07-05' }, ev)).toEqual({ nationality: ['v_visa_nationality'], entryDate: ['v_visa_entry_too_early'], exitDate: ['v_visa_exit_before_event'] });
		expect(rules.checkAgainstEvent({ nationality: 'US', entryDate: '2026-07-06', exitDate: '2026-08-10' }, ev)).toEqual({ exitDate: ['v_visa_exit_too_late'] });
	});
});

describe('masking, numbers, itinerary', () => {
	it('masks', () => {
		expect(rules.maskName('AVERY ATTENDEE')).toBe('AV*** AT******');
		expect(rules.maskName('LI BO')).toBe('L* B*');
		expect(rules.maskPassport('AB1234567')).toBe('******567');
		expect(rules.maskDate('1988-04-12')).toBe('1988-**-**');
		expect(rules.letterNumber('HCZ2026', 7)).toBe('HCZ2026-0007');
	});
	it('lists every day of the stay with the person’s sessions on event days', () => {
		const s = (startsAt: string, en: string) => ({ startsAt, endsAt: null, title: { zh: en, en } });
		const days = rules.itinerary({ entryDate: '2026-07-04', exitDate: '2026-07-11' }, ev, [s('2026-07-07T01:00:00Z', 'Forum'), s('2026-07-06T23:30:00Z', 'Breakfast')], (i) => i.slice(0, 10));
		expect(days.map((d) => [d.date, d.kind, d.items.map((i) => i.title.en)])).toEqual([
			['2026-07-04', 'arrival', []],
			['2026-07-05', 'stay', []],
			['2026-07-06', 'event', ['Breakfast']],
			['2026-07-07', 'event', ['Forum']],
			['2026-07-08', 'event', []],
			['2026-07-09', 'event', []],
			['2026-07-10', 'event', []],
			['2026-07-11', 'departure', []]
		]);
	});
});
