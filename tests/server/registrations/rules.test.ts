import { describe, expect, it } from 'vitest';
import * as rules from '$lib/server/registrations/rules';
import type { Question } from '$lib/server/registrations/tables';

const L = { zh: '问', en: 'Q' };
const questions: Question[] = [
	{ key: 'bio', label: L, type: 'text', required: true },
	{ key: 'field', label: L, type: 'single', required: true, options: [{ value: 'ai', label: L }, { value: 'bio', label: L }] },
	{ key: 'topics', label: L, type: 'multiple', required: false, options: [{ value: 'a', label: L }, { value: 'b', label: L }] },
	{ key: 'country', label: L, type: 'country', required: true },
	{ key: 'arrival', label: L, type: 'date', required: false },
	{ key: 'visa', label: L, type: 'yesno', required: true }
];

describe('state machine', () => {
	it('allows exactly the documented moves', () => {
		expect(rules.canApply('approve', 'pending')).toBe(true);
		expect(rules.canApply('approve', 'waitlisted')).toBe(true);
		expect(rules.canApply('approve', 'cancelled')).toBe(false);
		expect(rules.canApply('cancel', 'approved')).toBe(true);
		expect(rules.canApply('cancel', 'rejected')).toBe(false);
		expect(rules.canApply('waitlist', 'cancelled')).toBe(false);
		expect(rules.canApply('reject', 'approved')).toBe(true);
	});
	it('knows which moves take or free a place', () => {
		expect(rules.needsPlace('waitlisted', 'approved')).toBe(true);
		expect(rules.needsPlace('pending', 'approved')).toBe(false);
		expect(rules.freesPlace('approved', 'cancelled')).toBe(true);
		expect(rules.freesPlace('waitlisted', 'cancelled')).toBe(false);
	});
});

describe('capacity', () => {
	it('gives a place while the capacity holds (the k-th of a batch too); null is no limit', () => {
		expect(rules.hasRoom(2, 1)).toBe(true);
		expect(rules.hasRoom(2, 2)).toBe(false);
		expect(rules.hasRoom(3, 1, 2)).toBe(true);
		expect(rules.hasRoom(3, 1, 3)).toBe(false);
		expect(rules.hasRoom(0, 0)).toBe(false);
		expect(rules.hasRoom(null, 10_000, 64)).toBe(true);
	});
	it('places people pending under review, else approved', () => {
		expect(rules.placedStatus({ requiresApproval: true })).toBe('pending');
		expect(rules.placedStatus({ requiresApproval: false })).toBe('approved');
	});
	it('counts remaining places', () => {
		expect(rules.remaining(50, 48)).toBe(2);
		expect(rules.remaining(50, 55)).toBe(0);
		expect(rules.remaining(null, 5)).toBeNull();
	});
});

describe('registration window', () => {
	const c = { opensAt: new Date('2026-07-01T00:00:00Z'), closesAt: new Date('2026-07-05T00:00:00Z') };
	it('is open between opensAt (inclusive) and closesAt (exclusive)', () => {
		expect(rules.windowState(c, new Date('2026-06-30T23:59:59Z'))).toBe('not_open');
		expect(rules.windowState(c, new Date('2026-07-01T00:00:00Z'))).toBe('open');
		expect(rules.windowState(c, new Date('2026-07-05T00:00:00Z'))).toBe('closed');
		expect(rules.windowState({ opensAt: null, closesAt: null }, new Date())).toBe('open');
	});
});

describe('answers', () => {
	it('accepts and normalises valid answers, dropping unknown keys', () => {
		const r = rules.validateAnswers(questions, { bio: '  Hi ', field: 'ai', topics: 'a', country: 'ca', arrival: '2026-07-06', visa: 'yes', extra: 'x' });
		expect(r).toEqual({ ok: true, values: { bio: 'Hi', field: 'ai', topics: ['a'], country: 'CA', arrival: '2026-07-06', visa: true } });
	});
	it('fills optional blanks with empty values', () => {
		const r = rules.validateAnswers(questions, { bio: 'x', field: 'bio', country: 'JP', visa: false });
		expect(r).toEqual({ ok: true, values: { bio: 'x', field: 'bio', topics: [], country: 'JP', arrival: '', visa: false } });
	});
	it('gives one code per bad field', () => {
		const r = rules.validateAnswers(questions, { bio: '   ', field: 'chemistry', topics: ['a', 'zzz'], country: 'XX', arrival: '2026-02-30', visa: 'maybe' });
		expect(r).toEqual({
			ok: false,
			errors: { bio: ['v_required'], field: ['v_choice'], topics: ['v_choice'], country: ['reg_v_country'], arrival: ['reg_v_date'], visa: ['v_choice'] }
		});
		expect(rules.validateAnswers(questions, {})).toEqual({ ok: false, errors: { bio: ['v_required'], field: ['v_required'], country: ['v_required'], visa: ['v_required'] } });
	});
	it('derives the list columns', () => {
		expect(rules.derivedColumns(questions, { field: 'ai', country: 'CA' })).toEqual({ country: 'CA', field: 'ai' });
		expect(rules.derivedColumns([], {})).toEqual({ country: null, field: null });
	});
});

describe('overlap', () => {
	const at = (h: number) => new Date(Date.UTC(2026, 6, 6, h));
	it('treats touching sessions as not overlapping', () => {
		expect(rules.overlaps({ startsAt: at(9), endsAt: at(10) }, { startsAt: at(10), endsAt: at(11) })).toBe(false);
		expect(rules.overlaps({ startsAt: at(9), endsAt: at(11) }, { startsAt: at(10), endsAt: at(12) })).toBe(true);
		expect(rules.overlaps({ startsAt: at(9), endsAt: at(12) }, { startsAt: at(10), endsAt: at(11) })).toBe(true);
	});
});
