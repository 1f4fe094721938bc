import { describe, expect, it } from 'vitest';
import * as rules from '$lib/server/matchmaking/rules';

const M = 60_000;
const T0 = Date.UTC(2026, 6, 7, 1, 0);

describe('caps', () => {
	const caps = { talent: { openRequests: 2, meetings: 3 } };
	it('applies per kind and not to kinds without a cap', () => {
		expect(rules.requestCapError(caps, 'talent', { open: 1, meetings: 0 })).toBe(null);
		expect(rules.requestCapError(caps, 'talent', { open: 2, meetings: 0 })).toBe('request_cap');
		expect(rules.requestCapError(caps, 'talent', { open: 0, meetings: 3 })).toBe('meeting_cap');
		expect(rules.requestCapError(caps, 'investor', { open: 500, meetings: 500 })).toBe(null);
		expect(rules.meetingCapError(caps, 'talent', 2)).toBe(null);
		expect(rules.meetingCapError(caps, 'talent', 3)).toBe('meeting_cap');
		expect(rules.capFor(caps, 'enterprise')).toEqual({ openRequests: null, meetings: null });
	});
});

describe('expiry', () => {
	it('reads a pending request past its time as expired, and nothing else', () => {
		const created = new Date(T0);
		const exp = rules.expiresAt(created, 72);
		expect(exp.getTime()).toBe(T0 + 72 * 60 * M);
		expect(rules.effectiveStatus('pending', exp, new Date(exp.getTime() - 1))).toBe('pending');
		expect(rules.effectiveStatus('pending', exp, exp)).toBe('expired');
		expect(rules.effectiveStatus('accepted', exp, new Date(exp.getTime() + 1))).toBe('accepted');
		expect(rules.effectiveStatus('declined', exp, new Date(exp.getTime() + 1))).toBe('declined');
	});
	it('brokered proposals wait for each side that has not accepted', () => {
		expect(rules.awaiting({ fromAccepted: true, toAccepted: false })).toEqual(['to']);
		expect(rules.awaiting({ fromAccepted: false, toAccepted: false })).toEqual(['from', 'to']);
		expect(rules.awaiting({ fromAccepted: true, toAccepted: true })).toEqual([]);
	});
});

describe('double-booking and walking time', () => {
	const slot = (start: number, len: number, roomId: string | null) => ({ startsAt: T0 + start * M, endsAt: T0 + (start + len) * M, roomId });
	it('overlap in time clashes, whatever the rooms', () => {
		expect(rules.clash(slot(0, 20, 'r1'), slot(10, 20, 'r2'), 0)).toBe(true);
		expect(rules.clash(slot(0, 20, null), slot(19, 20, null), 5)).toBe(true);
		expect(rules.clash(slot(0, 20, 'r1'), slot(0, 20, 'r1'), 0)).toBe(true);
	});
	it('back to back in the same room is fine; another room needs the walk', () => {
		expect(rules.clash(slot(0, 20, 'r1'), slot(20, 20, 'r1'), 5)).toBe(false);
		expect(rules.clash(slot(0, 20, 'r1'), slot(24, 20, 'r2'), 5)).toBe(true);
		expect(rules.clash(slot(0, 20, 'r1'), slot(25, 20, 'r2'), 5)).toBe(false);
		expect(rules.clash(slot(25, 20, 'r2'), slot(0, 20, 'r1'), 5)).toBe(false);
		expect(rules.clash(slot(0, 20, 'r1'), slot(21, 20, null), 5)).toBe(false);
	});
	it('slot verdicts name who is busy or unavailable', () => {
		const slots = [
			{ id: 's1', ...slot(0, 20, 'r1') },
			{ id: 's2', ...slot(25, 20, 'r1') },
			{ id: 's3', ...slot(50, 20, 'r1') },
			{ id: 's4', ...slot(75, 20, 'r1') }
		];
		const v = rules.slotVerdicts(
			slots,
			[
				{ unavailable: new Set(['s1']), commitments: [slot(50, 20, 'r1')] },
				{ unavailable: new Set(), commitments: [slot(96, 20, 'r9')] }
			],
			5
		);
		expect(v.map((x) => [x.slot.id, x.reason])).toEqual([
			['s1', 'unavailable'],
			['s2', null],
			['s3', 'a_busy'],
			['s4', 'b_busy']
		]);
	});
});

describe('slots and tables', () => {
	it('a slot has ended once its end is reached, not before', () => {
		expect(rules.slotEnded({ endsAt: T0 + 20 * M }, T0 + 20 * M)).toBe(true);
		expect(rules.slotEnded({ endsAt: T0 + 20 * M }, T0 + 20 * M - 1)).toBe(false);
		expect(rules.slotEnded({ endsAt: T0 + 20 * M }, T0 + 25 * M)).toBe(true);
	});
	it('cuts a session into meetings with gaps and drops a short tail', () => {
		const s = rules.cutSlots(T0, T0 + 115 * M, 20, 5);
		expect(s.length).toBe(4);
		expect(s[0]).toEqual({ startsAt: T0, endsAt: T0 + 20 * M });
		expect(s[3]).toEqual({ startsAt: T0 + 75 * M, endsAt: T0 + 95 * M });
		expect(rules.cutSlots(T0, T0 + 90 * M, 30, 0).length).toBe(3);
		expect(rules.cutSlots(T0, T0 + 10 * M, 15, 0)).toEqual([]);
		expect(rules.cutSlots(T0, T0 + 60 * M, 0, 0)).toEqual([]);
	});
	it('picks a fixed table for its profile, else the lowest free unfixed one', () => {
		const tables = [
			{ id: 't1', number: 1, fixedProfileId: 'pX' },
			{ id: 't3', number: 3, fixedProfileId: null },
			{ id: 't2', number: 2, fixedProfileId: null }
		];
		expect(rules.pickTable(tables, new Set(), 'pA', 'pB')?.id).toBe('t2');
		expect(rules.pickTable(tables, new Set(['t2']), 'pA', 'pB')?.id).toBe('t3');
		expect(rules.pickTable(tables, new Set(['t2', 't3']), 'pA', 'pB')).toBe(null);
		expect(rules.pickTable(tables, new Set(), 'pA', 'pX')?.id).toBe('t1');
		expect(rules.pickTable(tables, new Set(['t1']), 'pX', 'pB')).toBe(null);
	});
	it('meeting time and no-show side', () => {
		const s = new Date(T0), e = new Date(T0 + 20 * M);
		expect(rules.isMeetingTime(s, e, new Date(T0 - 16 * M))).toBe(false);
		expect(rules.isMeetingTime(s, e, new Date(T0 - 15 * M))).toBe(true);
		expect(rules.isMeetingTime(s, e, new Date(T0 + 80 * M))).toBe(true);
		expect(rules.isMeetingTime(s, e, new Date(T0 + 81 * M))).toBe(false);
		expect(rules.isMeetingTime(null, e, new Date(T0))).toBe(false);
		expect(rules.isOver(e, new Date(T0 + 20 * M))).toBe(true);
		expect(rules.isOver(e, new Date(T0 + 20 * M), 1)).toBe(false);
		expect(rules.noShowSide({ a: null, b: null })).toBe('both');
		expect(rules.noShowSide({ a: 'other_absent', b: null })).toBe('b');
		expect(rules.noShowSide({ a: null, b: 'i_was_absent' })).toBe('b');
		expect(rules.noShowSide({ a: 'i_was_absent', b: 'i_was_absent' })).toBe('both');
		expect(rules.noShowSide({ a: 'held', b: null })).toBe(null);
		expect(rules.noShowSide({ a: 'cancelled', b: 'other_absent' })).toBe(null);
	});
});

describe('recommendation score', () => {
	const talent: rules.ScoreProfile = { kind: 'talent', sectors: ['ai', 'biomed'], offers: ['partner'], seeks: ['raise', 'job'], languages: ['zh', 'en'], projectSectors: ['ai'] };
	const investor: rules.ScoreProfile = { kind: 'investor', sectors: ['ai'], offers: ['invest'], seeks: ['partner'], languages: ['en'] };
	it('scores the seek met by an offer, the offer met by a seek, shared sectors, a project and a language', () => {
		const r = rules.score(talent, investor);
		expect(r.reasons).toEqual([
			{ key: 'seek_meets_offer', params: { intent: 'raise' } },
			{ key: 'offer_meets_seek', params: { intent: 'partner' } },
			{ key: 'sectors', params: { sectors: 'ai', count: 1 } },
			{ key: 'project', params: { sector: 'ai' } },
			{ key: 'language', params: { language: 'en' } }
		]);
		expect(r.score).toBe(4 + 3 + 2 + 1 + 1);
	});
	it('an opening in my sector counts when I look for a job', () => {
		const enterprise: rules.ScoreProfile = { kind: 'enterprise', sectors: ['energy'], offers: ['recruit'], seeks: [], languages: ['zh'], openings: [{ id: 'o1', sector: 'biomed' }] };
		const r = rules.score(talent, enterprise);
		expect(r.reasons.map((x) => x.key)).toEqual(['seek_meets_offer', 'opening', 'language']);
		expect(r.reasons[1]).toEqual({ key: 'opening', params: { openingId: 'o1', sector: 'biomed' } });
		expect(r.score).toBe(4 + 2 + 1);
	});
	it('nothing in common gives 0; no common language halves', () => {
		expect(rules.score(talent, { kind: 'government', sectors: ['health'], offers: [], seeks: [], languages: ['zh'] })).toEqual({ score: 0, reasons: [] });
		const r = rules.score(talent, { ...investor, languages: ['ja'] });
		expect(r.score).toBe(Math.floor((4 + 3 + 2 + 1) / 2));
		expect(r.reasons.some((x) => x.key === 'language')).toBe(false);
	});
	it('ranks best first with a stable order and drops zeros', () => {
		const others = [
			{ id: 'b', ...investor },
			{ id: 'a', ...investor },
			{ id: 'c', kind: 'government' as const, sectors: ['x'], offers: [], seeks: [], languages: [] },
			{ id: 'd', ...investor, sectors: [] }
		];
		const r = rules.rank(talent, others, 10);
		expect(r.map((x) => x.item.id)).toEqual(['a', 'b', 'd']);
		expect(rules.rank(talent, others, 1).length).toBe(1);
	});
});

describe('search text', () => {
	it('holds both scripts, full and joined pinyin, initials and the organization, lower-cased', () => {
		const t = rules.searchText({ name: 'Zhang Wei', nameZh: '张伟', organization: 'Dalian Robotics', pinyin: 'zhang wei', initials: 'z w' });
		expect(t).toBe('zhang wei | 张伟 | dalian robotics | zhang wei | zhangwei | zw');
		expect(rules.queryTerms('  Zhang  WEI ')).toEqual(['zhang', 'wei']);
	});
});
