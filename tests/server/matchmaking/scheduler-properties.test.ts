import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { greedySchedule, scheduleMeetings, violations, type SchedulerInput } from '../../../src/lib/server/matchmaking/scheduler';
import { prepare } from '../../../src/lib/server/matchmaking/scheduler/model';
import { build as buildModel, buildAggregate, roundLp, solveLp } from '../../../src/lib/server/matchmaking/scheduler/highs';
import { repair } from '../../../src/lib/server/matchmaking/scheduler/greedy';
import { finish } from '../../../src/lib/server/matchmaking/scheduler/finish';

const T0 = Date.UTC(2026, 5, 8, 1, 0);
const min = 60_000;

const shape = fc.record({
	seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
	people: fc.integer({ min: 2, max: 10 }),
	meetings: fc.integer({ min: 1, max: 22 }),
	slotsA: fc.integer({ min: 1, max: 5 }),
	slotsB: fc.integer({ min: 0, max: 4 }),
	offsetB: fc.integer({ min: 0, max: 40 }),
	len: fc.constantFrom(15, 20, 30),
	gap: fc.integer({ min: 0, max: 10 }),
	tablesA: fc.integer({ min: 1, max: 3 }),
	tablesB: fc.integer({ min: 1, max: 2 }),
	fixed: fc.integer({ min: 0, max: 2 }),
	walk: fc.integer({ min: 0, max: 10 }),
	unavailable: fc.integer({ min: 0, max: 10 }),
	busy: fc.integer({ min: 0, max: 3 }),
	locks: fc.integer({ min: 0, max: 2 })
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function rng(seed: number) {
	let a = seed >>> 0;
	return (n: number) => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
	};
}

/** A random instance: two rooms whose slots may overlap in time, fixed tables, unavailability, busy times. */
function build(x: Shape): SchedulerInput {
	const r = rng(x.seed);
	const slots = [
		...Array.from({ length: x.slotsA }, (_, i) => ({ id: `A${i}`, roomId: 'A', startsAt: T0 + i * (x.len + x.gap) * min, endsAt: T0 + (i * (x.len + x.gap) + x.len) * min })),
		...Array.from({ length: x.slotsB }, (_, i) => ({ id: `B${i}`, roomId: 'B', startsAt: T0 + (x.offsetB + i * 25) * min, endsAt: T0 + (x.offsetB + i * 25 + 20) * min }))
	];
	const tables = [
		...Array.from({ length: x.tablesA }, (_, i) => ({ id: `A-t${i}`, roomId: 'A', fixedProfileId: i < x.fixed ? `p${i}` : null })),
		...Array.from({ length: x.tablesB }, (_, i) => ({ id: `B-t${i}`, roomId: 'B', fixedProfileId: null }))
	];
	const seen = new Set<string>();
	const meetings: SchedulerInput['meetings'] = [];
	for (let k = 0; k < x.meetings * 3 && meetings.length < x.meetings; k++) {
		const a = r(x.people);
		const b = r(x.people);
		if (a === b || seen.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) continue;
		seen.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
		meetings.push({ id: `m${meetings.length}`, a: `p${a}`, b: `p${b}` });
	}
	const unavailable = Array.from({ length: x.unavailable }, () => ({ profileId: `p${r(x.people)}`, slotId: slots[r(slots.length)].id }));
	const busy = Array.from({ length: x.busy }, () => {
		const s = slots[r(slots.length)];
		return { profileId: `p${r(x.people)}`, startsAt: s.startsAt + 5 * min, endsAt: s.startsAt + 10 * min };
	});
	const input: SchedulerInput = { slots, tables, meetings, unavailable, busy, walkMinutes: x.walk };
	// Lock a few meetings where a valid schedule put them (the greedy's; checked below like the rest).
	if (x.locks) {
		const placed = greedySchedule(input).placements.slice(0, x.locks);
		for (const p of placed) meetings.find((m) => m.id === p.meetingId)!.locked = { slotId: p.slotId, tableId: p.tableId };
	}
	return input;
}

describe('scheduler properties on random instances', () => {
	it('both solvers keep every rule, HiGHS places at least what the greedy does, nobody beats a bound', async () => {
		await fc.assert(
			fc.asyncProperty(shape, async (x) => {
				const input = build(x);
				const g = greedySchedule(input);
				const h = await scheduleMeetings(input);
				expect(violations(input, g.placements)).toEqual([]);
				expect(violations(input, h.placements)).toEqual([]);
				// 'greedy' only when the greedy placed every placeable meeting (then optimal without a solver).
				expect(h.solver === 'highs' || h.optimal).toBe(true);
				expect(h.placements.length).toBeGreaterThanOrEqual(g.placements.length);
				const bound = Math.min(g.bound, h.bound);
				expect(h.placements.length).toBeLessThanOrEqual(bound);
				expect(g.placements.length).toBeLessThanOrEqual(bound);
				// Small instances: the MIP proves its optimum.
				expect(h.optimal).toBe(true);
				expect(h.bound).toBe(h.placements.length);
				for (const r of [g, h]) {
					const ids = [...r.placements.map((p) => p.meetingId), ...r.unplaced.map((u) => u.meetingId)].sort();
					expect(ids).toEqual(input.meetings.map((m) => m.id).sort());
					for (const m of input.meetings) if (m.locked) expect(r.placements).toContainEqual({ meetingId: m.id, ...m.locked });
				}
			}),
			{ numRuns: 50, seed: 14 }
		);
	}, 60_000);

	// Large instances take the LP path (interior point, weak-duality bound, rounding + repair); here on
	// small ones, where the MIP's proven optimum tells whether the LP bound is a bound.
	it('the LP bounds (full and per session) are never below the optimum, and the rounded LP schedule keeps every rule', async () => {
		await fc.assert(
			fc.asyncProperty(shape, async (x) => {
				const input = build(x);
				const optimum = (await scheduleMeetings(input)).placements.length;
				const prep = prepare(input);
				const model = buildModel(prep);
				if (model.n === 0) return;
				const lp = await solveLp(prep, model, 2000);
				expect(lp.bound + prep.locked.length).toBeGreaterThanOrEqual(optimum);
				// The per-session aggregate relaxation bounds it too.
				const quick = await solveLp(prep, buildAggregate(prep), 2000);
				expect(quick.bound + prep.locked.length).toBeGreaterThanOrEqual(optimum);
				const board = roundLp(prep, model, lp.x);
				repair(board);
				const r = finish(board, { bound: lp.bound, solver: 'highs', optimal: false }, Date.now());
				expect(violations(input, r.placements)).toEqual([]);
				expect(r.placements.length).toBeLessThanOrEqual(optimum);
			}),
			{ numRuns: 25, seed: 15 }
		);
	}, 60_000);
});
