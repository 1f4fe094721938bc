import { describe, expect, it } from 'vitest';
import { greedySchedule, scheduleMeetings, violations, type SchedulerInput } from '../../../src/lib/server/matchmaking/scheduler';

const T0 = Date.UTC(2026, 5, 8, 1, 0);
const min = 60_000;

/** n slots in a room: `len` minutes each, `gap` minutes apart, from `from` minutes after T0. */
function slots(room: string, n: number, from = 0, len = 20, gap = 5, sessionId?: string) {
	return Array.from({ length: n }, (_, i) => ({
		id: `${room}${i + 1}`,
		roomId: room,
		startsAt: T0 + (from + i * (len + gap)) * min,
		endsAt: T0 + (from + i * (len + gap) + len) * min,
		...(sessionId ? { sessionId } : {})
	}));
}
function tables(room: string, n: number, fixed: Record<number, string> = {}) {
	return Array.from({ length: n }, (_, i) => ({ id: `${room}-t${i + 1}`, roomId: room, fixedProfileId: fixed[i + 1] ?? null }));
}
function meetings(...pairs: string[]) {
	return pairs.map((p) => {
		const [a, b] = p.split('-');
		return { id: p, a, b };
	});
}
function instance(over: Partial<SchedulerInput>): SchedulerInput {
	return { slots: [], tables: [], meetings: [], unavailable: [], walkMinutes: 5, ...over };
}

/** Both solvers, both checked; returns [greedy, highs]. */
async function both(input: SchedulerInput) {
	const g = greedySchedule(input);
	const h = await scheduleMeetings(input);
	expect(violations(input, g.placements)).toEqual([]);
	expect(violations(input, h.placements)).toEqual([]);
	expect(g.placements.length + g.unplaced.length).toBe(input.meetings.length);
	expect(h.placements.length + h.unplaced.length).toBe(input.meetings.length);
	return [g, h] as const;
}

describe('scheduler: known optima', () => {
	it('a triangle of three people fits two slots with two meetings, three slots with all three', async () => {
		const two = instance({ slots: slots('A', 2), tables: tables('A', 5), meetings: meetings('x-y', 'x-z', 'y-z') });
		const [g2, h2] = await both(two);
		expect([g2.placements.length, h2.placements.length, h2.bound, h2.optimal]).toEqual([2, 2, 2, true]);
		expect(h2.unplaced).toEqual([{ meetingId: expect.any(String), reason: 'conflict' }]);
		const three = instance({ ...two, slots: slots('A', 3) });
		const [g3, h3] = await both(three);
		expect([g3.placements.length, h3.placements.length, h3.bound, h3.optimal]).toEqual([3, 3, 3, true]);
	});

	it('a round robin of four people in three slots at two tables: all six meetings (a 1-factorisation)', async () => {
		const input = instance({ slots: slots('A', 3), tables: tables('A', 2), meetings: meetings('a-b', 'c-d', 'a-c', 'b-d', 'a-d', 'b-c') });
		const [g, h] = await both(input);
		expect([h.placements.length, h.bound, h.optimal, h.idleGaps]).toEqual([6, 6, true, 0]);
		expect(g.placements.length).toBeLessThanOrEqual(6);
	});

	it('tables limit a slot: four pairs, one slot, two tables place two, the rest lack a table', async () => {
		const input = instance({ slots: slots('A', 1), tables: tables('A', 2), meetings: meetings('a-b', 'c-d', 'e-f', 'g-h') });
		const [g, h] = await both(input);
		expect([g.placements.length, h.placements.length, h.bound]).toEqual([2, 2, 2]);
		expect(h.unplaced.map((u) => u.reason)).toEqual(['no_table', 'no_table']);
		expect(new Set(h.placements.map((p) => p.tableId))).toEqual(new Set(['A-t1', 'A-t2']));
	});

	it('a person with more meetings than slots gets one per slot; nobody idles between meetings', async () => {
		const input = instance({ slots: slots('A', 3), tables: tables('A', 10), meetings: meetings('x-a', 'x-b', 'x-c', 'x-d', 'y-z') });
		const [g, h] = await both(input);
		expect([g.placements.length, h.placements.length, h.bound, h.optimal]).toEqual([4, 4, 4, true]);
		expect(h.idleGaps).toBe(0);
		expect(g.idleGaps).toBe(0);
	});
});

describe('scheduler: fixed tables', () => {
	it("a fixed table hosts its holder's meetings, and their meetings use it", async () => {
		const input = instance({ slots: slots('A', 2), tables: tables('A', 2, { 1: 'e' }), meetings: meetings('e-x', 'e-y', 'p-q') });
		const [, h] = await both(input);
		expect(h.placements.length).toBe(3);
		const at = Object.fromEntries(h.placements.map((p) => [p.meetingId, p.tableId]));
		expect(at).toEqual({ 'e-x': 'A-t1', 'e-y': 'A-t1', 'p-q': 'A-t2' });
	});

	it('nobody else sits at a fixed table even when it stands empty', async () => {
		const input = instance({ slots: slots('A', 1), tables: tables('A', 2, { 1: 'e' }), meetings: meetings('p-q', 'r-s') });
		const [g, h] = await both(input);
		expect([g.placements.length, h.placements.length, h.bound]).toEqual([1, 1, 1]);
		expect(h.placements[0].tableId).toBe('A-t2');
	});

	it('a holder whose fixed table is in another room meets only there', async () => {
		const input = instance({
			slots: [...slots('A', 2), ...slots('B', 2, 120)],
			tables: [...tables('A', 3), ...tables('B', 1, { 1: 'e' })],
			meetings: meetings('e-x', 'e-y', 'e-z')
		});
		const [, h] = await both(input);
		expect(h.placements.length).toBe(2);
		expect(h.placements.every((p) => p.tableId === 'B-t1' && p.slotId.startsWith('B'))).toBe(true);
		expect(h.bound).toBe(2);
	});
});

describe('scheduler: locked meetings, unavailability, busy times', () => {
	it('never moves a locked meeting and plans around it', async () => {
		const input = instance({
			slots: slots('A', 2),
			tables: tables('A', 1),
			meetings: [{ id: 'x-y', a: 'x', b: 'y', locked: { slotId: 'A2', tableId: 'A-t1' } }, ...meetings('x-z', 'p-q')]
		});
		const [g, h] = await both(input);
		for (const r of [g, h]) {
			expect(r.placements).toContainEqual({ meetingId: 'x-y', slotId: 'A2', tableId: 'A-t1' });
			expect(r.placements.length).toBe(2); // one table: A1 holds one more meeting
			expect(r.placements.find((p) => p.meetingId !== 'x-y')!.slotId).toBe('A1');
		}
		expect(h.bound).toBe(2);
	});

	it('a meeting without a slot both people have open is unplaced as no_common_slot', async () => {
		const input = instance({
			slots: slots('A', 3),
			tables: tables('A', 2),
			meetings: meetings('x-y', 'p-q'),
			unavailable: [
				{ profileId: 'x', slotId: 'A1' },
				{ profileId: 'y', slotId: 'A2' }
			],
			busy: [{ profileId: 'x', startsAt: T0 + 55 * min, endsAt: T0 + 60 * min }] // overlaps A3 (50–70)
		});
		const [g, h] = await both(input);
		for (const r of [g, h]) {
			expect(r.placements.map((p) => p.meetingId)).toEqual(['p-q']);
			expect(r.unplaced).toEqual([{ meetingId: 'x-y', reason: 'no_common_slot' }]);
		}
		expect(h.bound).toBe(1);
	});
});

describe('scheduler: time across rooms', () => {
	// A1 09:00–09:20 in room A, B1 09:20–09:40 in room B: back to back, but in different rooms.
	const base = {
		slots: [...slots('A', 1), ...slots('B', 1, 20)],
		tables: [...tables('A', 1), ...tables('B', 1)],
		meetings: meetings('x-y', 'x-z')
	};
	it('leaves time to walk between rooms', async () => {
		const [g, h] = await both(instance({ ...base, walkMinutes: 5 }));
		expect([g.placements.length, h.placements.length, h.bound]).toEqual([1, 1, 1]);
	});
	it('without a walk, back to back in two rooms is fine', async () => {
		const [g, h] = await both(instance({ ...base, walkMinutes: 0 }));
		expect([g.placements.length, h.placements.length, h.bound]).toEqual([2, 2, 2]);
	});
	it('slots of two rooms that overlap in time are "at once" for a person, not for two pairs', async () => {
		const overlapping = [...slots('A', 1, 0, 30), ...slots('B', 1, 15, 20)]; // 09:00–09:30 and 09:15–09:35
		const one = instance({ slots: overlapping, tables: base.tables, meetings: meetings('x-y', 'x-z'), walkMinutes: 0 });
		const [g1, h1] = await both(one);
		expect([g1.placements.length, h1.placements.length, h1.bound]).toEqual([1, 1, 1]);
		const two = instance({ ...one, meetings: meetings('x-y', 'p-q') });
		const [, h2] = await both(two);
		expect(h2.placements.length).toBe(2);
	});
});

describe('violations: the independent checker', () => {
	const input = instance({
		slots: [...slots('A', 2), ...slots('B', 1, 20)],
		tables: [...tables('A', 2, { 2: 'e' }), ...tables('B', 1)],
		meetings: [{ id: 'x-y', a: 'x', b: 'y', locked: { slotId: 'A1', tableId: 'A-t1' } }, ...meetings('x-z', 'p-q', 'e-f', 'y-w')],
		unavailable: [{ profileId: 'p', slotId: 'A2' }],
		walkMinutes: 5
	});
	it('accepts a valid schedule', () => {
		const ok = [
			{ meetingId: 'x-y', slotId: 'A1', tableId: 'A-t1' },
			{ meetingId: 'x-z', slotId: 'A2', tableId: 'A-t1' },
			{ meetingId: 'e-f', slotId: 'A1', tableId: 'A-t2' }
		];
		expect(violations(input, ok)).toEqual([]);
	});
	it('names every broken rule', () => {
		const bad = [
			{ meetingId: 'x-y', slotId: 'A2', tableId: 'A-t1' }, // locked elsewhere
			{ meetingId: 'x-z', slotId: 'A2', tableId: 'A-t1' }, // x twice at once, table twice
			{ meetingId: 'p-q', slotId: 'A2', tableId: 'A-t2' }, // p unavailable, table fixed to e
			{ meetingId: 'e-f', slotId: 'B1', tableId: 'B-t1' }, // e must use their fixed table
			{ meetingId: 'y-w', slotId: 'B1', tableId: 'A-t1' } // table in another room; y walks A2 → B1 in 0 minutes
		];
		const v = violations(input, bad);
		expect(v).toEqual([
			'meeting x-y: locked at A1/A-t1, placed at A2/A-t1',
			'meeting p-q: table A-t2 is fixed to e',
			'meeting p-q: p is unavailable in slot A2',
			'meeting e-f: must use a fixed table of its people (A-t2), uses B-t1',
			'meeting y-w: table A-t1 is in room A, slot B1 in room B',
			'x is in meetings x-y (A2) and x-z (A2) at once',
			'y is in meetings x-y (A2) and y-w (B1) at once or without time to walk',
			'table A-t1 hosts meetings x-y and x-z at once',
			'table A-t1 hosts meetings x-y and y-w at once',
			'table A-t1 hosts meetings x-z and y-w at once'
		]);
		expect(violations(input, [{ meetingId: 'x-z', slotId: 'A1', tableId: 'A-t1' }, { meetingId: 'x-z', slotId: 'A2', tableId: 'A-t1' }])).toEqual([
			'meeting x-z placed 2 times',
			'locked meeting x-y missing from the placements'
		]);
	});
});
