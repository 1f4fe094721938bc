/**
 * The B2B meeting scheduler: pure (no database, no SvelteKit, no I/O).
 *
 * Model. Binary x[m,s]: meeting m takes place in slot s, created only where both people are free
 * (unavailability, busy times, their locked meetings) and a table can host it. Rows:
 *   - each meeting at most once: Σ_s x[m,s] ≤ 1;
 *   - tables: per slot, Σ x[m,s] over meetings without fixed tables ≤ the room's unfixed tables left
 *     after locked meetings (tables are aggregated per room and slot; concrete table ids are dealt
 *     out afterwards, keeping people at the same table from one slot to the next). A meeting whose
 *     person has a fixed table may only use rooms with such a table, and needs no capacity row: the
 *     person's own rows below already keep their table to one meeting at a time;
 *   - people: slots conflict for one person when their times overlap, or, in different rooms, lie
 *     closer than the walking time; the conflict graph is covered by cliques, and every person sits
 *     in at most one meeting per clique (exact, and much tighter than pairwise rows).
 * Objective: maximise meetings placed, then lower idle gaps (lexicographic, in two phases: the second
 * is a local search that moves meetings to close gaps and never loses one).
 *
 * Solving. The greedy runs first (most-constrained meetings first, into the slot that keeps both
 * people contiguous, then an insertion repair that moves blocking meetings aside); if it places
 * every placeable meeting it is optimal and we stop. Otherwise:
 *   - small models (≤ 20,000 columns): HiGHS branch-and-cut on the exact MIP, warm-started with the
 *     greedy; the bound is its dual bound, usually the proven optimum;
 *   - larger ones (bench: 3,000 meetings × 48 slots ≈ 108,000 columns, 28,000 rows): branch-and-cut
 *     and even dual simplex take 15 s+ in WebAssembly. HiGHS first solves a per-session aggregate
 *     relaxation (y[m,g] = Σ over the session's slots; meeting rows, the session's table-slots, each
 *     person's open slots per session: ~10,000 columns, under a second); if the greedy reaches its
 *     bound, that is the proof and we stop. Otherwise the full LP relaxation, by interior point
 *     without crossover (1.5–6 s here), then the LP solution is rounded (columns nearest 1 first),
 *     repaired, and the better of it and the greedy is kept. Each bound is recomputed from HiGHS's
 *     row duals by weak duality (valid for any non-negative duals, so a loose tolerance or a timeout
 *     cannot make it wrong), floored.
 * The reported bound is that figure plus the locked meetings. Should HiGHS fail, the greedy result
 * comes back with `solver: 'greedy'` and a counting bound (tables and fixed holders' open slots).
 *
 * Why a solver at all: without it nobody knows how far the greedy is from the best schedule; with
 * the LP bound the organizer sees "2,843 of at most 2,843".
 */
import { compact, greedyBoard, repair } from './greedy';
import { finish } from './finish';
import { prepare, type Prep } from './model';
import { build, buildAggregate, roundLp, solveLp, solveMip } from './highs';
export { violations } from './check';

export interface SchedulerInput {
	/** `sessionId` (optional) groups slots into sessions for idle gaps; without it, a room's slots
	 * run together into one session until a pause of more than an hour */
	slots: { id: string; roomId: string; startsAt: number; endsAt: number; sessionId?: string }[]; // epoch ms
	tables: { id: string; roomId: string; fixedProfileId: string | null }[];
	meetings: { id: string; a: string; b: string; locked?: { slotId: string; tableId: string } | null; current?: { slotId: string; tableId: string } | null }[];
	unavailable: { profileId: string; slotId: string }[];
	/** other commitments (remote meetings, booked sessions): a person is not free in a slot overlapping one */
	busy?: { profileId: string; startsAt: number; endsAt: number }[];
	walkMinutes: number; // needed between consecutive meetings of one person in different rooms
	timeLimitMs?: number; // default 8000
}
export interface SchedulerResult {
	placements: { meetingId: string; slotId: string; tableId: string }[]; // locked meetings included, unchanged
	unplaced: { meetingId: string; reason: 'no_common_slot' | 'no_table' | 'conflict' }[];
	bound: number; // an upper bound on the meetings placeable (LP relaxation or proven optimum)
	solver: 'highs' | 'greedy';
	optimal: boolean;
	idleGaps: number; // sum over people of empty slots between their first and last meeting of a session
	ms: number;
}

/**
 * A bound without a solver: meetings without fixed tables cannot exceed the unfixed table-slots,
 * meetings at fixed tables cannot exceed their holders' open slots in those rooms.
 */
function simpleBound(prep: Prep) {
	let unfixed = 0;
	let fixed = 0;
	const fixedPeople = new Set<number>();
	for (const m of prep.free) {
		if (!m.cands.length) continue;
		if (m.fixed) {
			fixed++;
			for (const p of [m.a, m.b]) fixedPeople.add(p);
		} else unfixed++;
	}
	let capSum = 0;
	for (const c of prep.cap) capSum += c;
	let open = 0;
	for (const p of fixedPeople) for (let s = 0; s < prep.S; s++) if (!prep.closed[p * prep.S + s]) open++;
	return prep.locked.length + Math.min(unfixed, capSum) + Math.min(fixed, open);
}

export function greedySchedule(input: SchedulerInput): SchedulerResult {
	const started = Date.now();
	const prep = prepare(input);
	const board = greedyBoard(prep);
	const free = prep.free.filter((m) => m.cands.length).length;
	const optimal = board.count === free;
	compact(board, started + (input.timeLimitMs ?? 8000));
	return finish(board, { bound: optimal ? prep.locked.length + free : simpleBound(prep), solver: 'greedy', optimal }, started);
}

export async function scheduleMeetings(input: SchedulerInput): Promise<SchedulerResult> {
	const started = Date.now();
	const limit = input.timeLimitMs ?? 8000;
	const deadline = started + limit;
	const prep = prepare(input);
	const board = greedyBoard(prep, started + limit * 0.15);
	const free = prep.free.filter((m) => m.cands.length).length;
	if (board.count === free) {
		// Everything fits: the greedy is optimal, only the idle gaps are left to lower.
		compact(board, deadline);
		return finish(board, { bound: prep.locked.length + free, solver: 'greedy', optimal: true }, started);
	}
	try {
		const model = build(prep);
		let best = board;
		let bound: number;
		if (model.n <= MIP_MAX_COLUMNS) {
			// Leave a fifth of the time for the second phase and the tables.
			const mip = await solveMip(prep, model, board, Math.max(200, deadline - Date.now() - limit * 0.2));
			if (!mip) throw new Error('no MIP result');
			if (mip.board.count > best.count) best = mip.board;
			bound = mip.bound;
			repair(best, deadline);
			compact(best, deadline);
		} else {
			// The greedy's second phase first (bounded), so a slow LP on a busy machine cannot cost it.
			compact(board, started + limit * 0.25);
			const quick = await solveLp(prep, buildAggregate(prep), Math.max(200, deadline - Date.now() - limit * 0.1));
			const lp = board.count < quick.bound ? await solveLp(prep, model, Math.max(200, deadline - Date.now() - limit * 0.1)) : null;
			bound = Math.min(quick.bound, lp?.bound ?? Infinity);
			if (lp && board.count < bound) {
				const rounded = roundLp(prep, model, lp.x);
				repair(rounded, deadline);
				if (rounded.count > best.count) best = rounded;
			}
			compact(best, deadline);
		}
		bound = Math.max(best.count, Math.min(bound, free));
		return finish(best, { bound: prep.locked.length + bound, solver: 'highs', optimal: best.count >= bound }, started);
	} catch {
		compact(board, deadline);
		return finish(board, { bound: simpleBound(prep), solver: 'greedy', optimal: false }, started);
	}
}

/** Above this many columns the branch-and-cut does not pay within seconds: LP bound + rounding instead. */
const MIP_MAX_COLUMNS = 20_000;
