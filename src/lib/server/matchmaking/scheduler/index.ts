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
 * Objective: maximise meetings placed (HiGHS branch-and-cut, warm-started with the greedy), then
 * a second phase lowers idle gaps by local search that never loses a meeting (lexicographic, two
 * phases). The bound is HiGHS's dual bound on the first phase (the LP relaxation tightened by its
 * cuts), or the proven optimum; plus the locked meetings.
 *
 * Why a solver: the greedy alone (most-constrained first, contiguous slots, then an insertion
 * repair that moves blocking meetings aside) gets close, but only the MIP knows how close; at
 * bench size (3,000 meetings × 48 slots ≈ 10⁵ columns) HiGHS's root LP and heuristics finish
 * within seconds. Should HiGHS fail or run out of time without a solution, the greedy result
 * is returned with `solver: 'greedy'`.
 */
import { closeGaps, greedyBoard, repair } from './greedy';
import { finish } from './finish';
import { prepare, type Prep } from './model';
import { build, roundLp, solveLp, solveMip } from './highs';
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
	closeGaps(board, started + (input.timeLimitMs ?? 8000));
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
		closeGaps(board, deadline);
		return finish(board, { bound: prep.locked.length + free, solver: 'greedy', optimal: true }, started);
	}
	// Leave a fifth of the time for the second phase and the tables.
	const budget = () => Math.max(200, deadline - Date.now() - limit * 0.2);
	try {
		const model = build(prep);
		let best = board;
		let bound: number;
		if (model.n <= MIP_MAX_COLUMNS) {
			const mip = await solveMip(prep, model, board, budget());
			if (!mip) throw new Error('no MIP result');
			if (mip.board.count > best.count) best = mip.board;
			bound = mip.bound;
		} else {
			const lp = await solveLp(prep, model, budget());
			bound = lp.bound;
			if (board.count < bound) {
				const rounded = roundLp(prep, model, lp.x);
				repair(rounded, deadline - limit * 0.1);
				if (rounded.count > best.count) best = rounded;
			}
		}
		repair(best, deadline);
		closeGaps(best, deadline);
		bound = Math.max(best.count, Math.min(bound, free));
		return finish(best, { bound: prep.locked.length + bound, solver: 'highs', optimal: best.count >= bound }, started);
	} catch {
		closeGaps(board, deadline);
		return finish(board, { bound: simpleBound(prep), solver: 'greedy', optimal: false }, started);
	}
}

/** Above this many columns the branch-and-cut does not pay within seconds: LP bound + rounding instead. */
const MIP_MAX_COLUMNS = 20_000;
