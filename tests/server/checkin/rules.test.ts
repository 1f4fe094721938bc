import { describe, expect, it } from 'vitest';
import { decide, effectiveRules, isOn, ROOM_GRACE_MS, type Facts } from '$lib/server/checkin/rules';
import type { CheckpointRules } from '$lib/server/checkin/tables';

const T = new Date('2026-07-06T09:00:00Z');
const at = (min: number) => new Date(T.getTime() + min * 60_000);
const rules = (r: Partial<CheckpointRules> = {}): CheckpointRules => ({
	allowedCategories: [],
	seatRequired: false,
	window: null,
	direction: 'entry',
	reentryAllowed: false,
	followRoomSchedule: false,
	...r
});
const facts = (f: Partial<Facts> = {}): Facts => ({
	at: T,
	rules: rules(),
	code: 'ok',
	registration: { eventMatches: true, status: 'approved', categoryId: 'cat-a', badgeRevoked: false },
	session: null,
	hasSeat: false,
	admissions: [],
	lastExitAt: null,
	...f
});
const adm = (min: number, scanId = `s${min}`) => ({ at: at(min), scanId, checkpointId: 'cp', deviceId: 'dev' });

describe('decide: the code', () => {
	it('admits a genuine, approved badge at an open checkpoint', () => {
		expect(decide(facts())).toEqual({ result: 'admitted', genuine: true });
	});
	for (const code of ['unknown_code', 'invalid_signature', 'wrong_event'] as const) {
		it(`rejects ${code} without treating the code as genuine`, () => {
			expect(decide(facts({ code }))).toEqual({ result: 'rejected', reason: code, genuine: false });
		});
	}
	it('rejects a well-signed code of no registration as unknown', () => {
		expect(decide(facts({ registration: null }))).toEqual({ result: 'rejected', reason: 'unknown_code', genuine: false });
	});
	it('rejects a registration of another event as wrong_event', () => {
		const r = decide(facts({ registration: { eventMatches: false, status: 'approved', categoryId: 'x', badgeRevoked: false } }));
		expect(r).toEqual({ result: 'rejected', reason: 'wrong_event', genuine: false });
	});
});

describe('decide: the registration', () => {
	const reg = (status: NonNullable<Facts['registration']>['status'], badgeRevoked = false) => ({ eventMatches: true, status, categoryId: 'cat-a', badgeRevoked });
	it('cancelled wins over a revoked badge', () => {
		expect(decide(facts({ registration: reg('cancelled', true) }))).toMatchObject({ result: 'rejected', reason: 'cancelled', genuine: true });
	});
	it('a revoked (reissued) badge is rejected', () => {
		expect(decide(facts({ registration: reg('approved', true) }))).toMatchObject({ result: 'rejected', reason: 'revoked' });
	});
	for (const s of ['pending', 'waitlisted', 'rejected'] as const) {
		it(`${s} is not approved`, () => {
			expect(decide(facts({ registration: reg(s) }))).toMatchObject({ result: 'rejected', reason: 'not_approved', genuine: true });
		});
	}
});

describe('decide: checkpoint rules', () => {
	it('window: before, inside, at the end (exclusive)', () => {
		const window = { from: at(0).toISOString(), to: at(60).toISOString() };
		expect(decide(facts({ at: at(-1), rules: rules({ window }) }))).toMatchObject({ reason: 'outside_hours' });
		expect(decide(facts({ at: at(0), rules: rules({ window }) }))).toMatchObject({ result: 'admitted' });
		expect(decide(facts({ at: at(60), rules: rules({ window }) }))).toMatchObject({ reason: 'outside_hours' });
		expect(decide(facts({ at: at(5), rules: rules({ window: { from: null, to: at(10).toISOString() } }) }))).toMatchObject({ result: 'admitted' });
	});
	it('allowed categories', () => {
		expect(decide(facts({ rules: rules({ allowedCategories: ['cat-b'] }) }))).toMatchObject({ reason: 'category_not_allowed' });
		expect(decide(facts({ rules: rules({ allowedCategories: ['cat-b', 'cat-a'] }) }))).toMatchObject({ result: 'admitted' });
	});
	it('seat required', () => {
		expect(decide(facts({ rules: rules({ seatRequired: true }) }))).toMatchObject({ reason: 'no_seat' });
		expect(decide(facts({ rules: rules({ seatRequired: true }), hasSeat: true }))).toMatchObject({ result: 'admitted' });
	});
	it('checks the window before the category and the category before the seat', () => {
		const r = rules({ window: { from: at(10).toISOString(), to: null }, allowedCategories: ['x'], seatRequired: true });
		expect(decide(facts({ rules: r }))).toMatchObject({ reason: 'outside_hours' });
		expect(decide(facts({ rules: { ...r, window: null } }))).toMatchObject({ reason: 'category_not_allowed' });
	});
	it('an exit records anyone genuine and approved, whatever the window or category', () => {
		const r = rules({ direction: 'exit', window: { from: at(10).toISOString(), to: null }, allowedCategories: ['x'] });
		expect(decide(facts({ rules: r, admissions: [adm(-5)] }))).toEqual({ result: 'admitted', genuine: true });
		expect(decide(facts({ rules: r, code: 'invalid_signature' }))).toMatchObject({ reason: 'invalid_signature' });
	});
});

describe('decide: earlier admissions', () => {
	it('a second entry is already admitted, pointing at the first', () => {
		const d = decide(facts({ at: at(30), admissions: [adm(0), adm(10)] }));
		expect(d).toEqual({ result: 'already_admitted', first: adm(0), genuine: true });
	});
	it('re-entry after an exit, only when allowed', () => {
		const f = { at: at(30), admissions: [adm(0)], lastExitAt: at(20) };
		expect(decide(facts(f))).toMatchObject({ result: 'already_admitted' });
		expect(decide(facts({ ...f, rules: rules({ reentryAllowed: true }) }))).toEqual({ result: 'admitted', genuine: true });
		// An exit before the last entry does not count.
		expect(decide(facts({ ...f, lastExitAt: at(-5), rules: rules({ reentryAllowed: true }) }))).toMatchObject({ result: 'already_admitted' });
	});
	it('an offline scan earlier than the recorded admission takes it over', () => {
		expect(decide(facts({ at: at(-3), admissions: [adm(0)], offline: true }))).toEqual({ result: 'admitted', genuine: true, supersedes: adm(0) });
	});
	it('an online scan never takes over a recorded admission, whatever its clock says', () => {
		// Two devices at the door at once: the one the server took first admitted; the other is told so.
		expect(decide(facts({ at: at(-3), admissions: [adm(0)] }))).toEqual({ result: 'already_admitted', genuine: true, first: adm(0) });
	});
});

describe('a room checkpoint following its schedule', () => {
	const session = { id: 'sess', startsAt: at(60), endsAt: at(120), requiresBooking: true };
	const room = rules({ followRoomSchedule: true });
	it('is closed when no session is on', () => {
		expect(decide(facts({ rules: room, session: null }))).toMatchObject({ reason: 'outside_hours' });
	});
	it("applies the session's booking rule and window (grace before the start)", () => {
		const early = new Date(session.startsAt.getTime() - ROOM_GRACE_MS);
		expect(decide(facts({ at: early, rules: room, session }))).toMatchObject({ reason: 'no_seat' });
		expect(decide(facts({ at: early, rules: room, session, hasSeat: true }))).toMatchObject({ result: 'admitted' });
		expect(decide(facts({ at: new Date(early.getTime() - 1), rules: room, session, hasSeat: true }))).toMatchObject({ reason: 'outside_hours' });
		expect(decide(facts({ at: at(120), rules: room, session, hasSeat: true }))).toMatchObject({ reason: 'outside_hours' });
	});
	it('an open session admits without a seat; the checkpoint categories still apply', () => {
		const open = { ...session, requiresBooking: false };
		expect(decide(facts({ at: at(70), rules: room, session: open }))).toMatchObject({ result: 'admitted' });
		expect(decide(facts({ at: at(70), rules: { ...room, allowedCategories: ['z'] }, session: open }))).toMatchObject({ reason: 'category_not_allowed' });
	});
	it('effectiveRules and isOn agree on the window', () => {
		const eff = effectiveRules(room, session);
		expect(eff.seatRequired).toBe(true);
		expect(eff.window).toEqual({ from: new Date(session.startsAt.getTime() - ROOM_GRACE_MS).toISOString(), to: session.endsAt.toISOString() });
		expect(isOn(session, at(119))).toBe(true);
		expect(isOn(session, at(120))).toBe(false);
		expect(effectiveRules(rules(), null).closed).toBe(false);
	});
});
