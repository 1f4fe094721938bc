/**
 * The heuristic half: a greedy (most-constrained meetings first, each into the slot that keeps both
 * people's meetings contiguous), an insertion repair that moves one or two blocking meetings aside,
 * and a local search that moves meetings to close idle gaps without losing any.
 */
import { Board, type Prep } from './model';

/** How much placing meeting k into slot s helps keep both people's days compact (higher is better). */
function score(board: Board, k: number, s: number) {
	const { prep } = board;
	const { S, sessions, sessionOf, posIn } = prep;
	const m = prep.free[k];
	const list = sessions[sessionOf[s]];
	const pos = posIn[s];
	let v = m.current === s ? 1.5 : 0;
	for (const p of [m.a, m.b]) {
		const base = p * S;
		const prev = pos > 0 && board.at[base + list[pos - 1]] === 1;
		const next = pos + 1 < list.length && board.at[base + list[pos + 1]] === 1;
		if (prev || next) {
			v += prev && next ? 6 : 4;
			continue;
		}
		let first = -1;
		let last = -1;
		for (let i = 0; i < list.length; i++)
			if (board.at[base + list[i]]) {
				if (first < 0) first = i;
				last = i;
			}
		if (first < 0) v -= 0.5;
		else if (first < pos && pos < last) v += 3;
		else v -= 2 * ((pos < first ? first - pos : pos - last) - 1);
	}
	return v - 0.001 * pos;
}

export function greedyBoard(prep: Prep, deadline = Infinity): Board {
	const board = new Board(prep);
	const degree = new Int32Array(prep.P);
	for (const m of prep.free) {
		degree[m.a]++;
		degree[m.b]++;
	}
	const order = prep.free
		.map((m, k) => k)
		.filter((k) => prep.free[k].cands.length > 0)
		.sort((x, y) => {
			const a = prep.free[x];
			const b = prep.free[y];
			return a.cands.length - b.cands.length || Math.max(degree[b.a], degree[b.b]) - Math.max(degree[a.a], degree[a.b]) || x - y;
		});
	for (const k of order) {
		let best = -1;
		let bestScore = -Infinity;
		for (const s of prep.free[k].cands) {
			if (!board.canPlace(k, s)) continue;
			const v = score(board, k, s);
			if (v > bestScore) {
				bestScore = v;
				best = s;
			}
		}
		if (best >= 0) board.place(k, best);
	}
	repair(board, deadline);
	return board;
}

/** Meetings of each person among the free meetings. */
function meetingsByPerson(prep: Prep) {
	const by: number[][] = Array.from({ length: prep.P }, () => []);
	prep.free.forEach((m, k) => {
		by[m.a].push(k);
		by[m.b].push(k);
	});
	return by;
}

/**
 * Insert unplaced meetings: directly where possible, else by moving the one or two meetings of the
 * same people that block a candidate slot to another slot of theirs. Never loses a placed meeting.
 */
export function repair(board: Board, deadline = Infinity) {
	const { prep } = board;
	const by = meetingsByPerson(prep);
	for (let round = 0; round < 3; round++) {
		let gained = 0;
		for (let k = 0; k < prep.free.length; k++) {
			if (board.slotOf[k] >= 0 || prep.free[k].cands.length === 0) continue;
			if (Date.now() > deadline) return;
			if (tryInsert(board, by, k)) gained++;
		}
		if (!gained) break;
	}
}

function tryInsert(board: Board, by: number[][], k: number) {
	const { prep } = board;
	const m = prep.free[k];
	for (const s of m.cands) if (board.canPlace(k, s)) return board.place(k, s), true;
	for (const s of m.cands) {
		if (!m.fixed && board.capLeft[s] <= 0) continue;
		const conflict = new Set(prep.conflicts[s]);
		const blockers = new Set<number>();
		for (const p of [m.a, m.b]) for (const j of by[p]) if (board.slotOf[j] >= 0 && conflict.has(board.slotOf[j])) blockers.add(j);
		if (blockers.size === 0 || blockers.size > 2) continue;
		const was = [...blockers].map((j) => [j, board.slotOf[j]] as const);
		for (const [j] of was) board.remove(j);
		if (!board.canPlace(k, s)) {
			for (const [j, sj] of was) board.place(j, sj);
			continue;
		}
		board.place(k, s);
		const moved: number[] = [];
		let ok = true;
		for (const [j, sj] of was) {
			const to = prep.free[j].cands.find((t) => t !== sj && board.canPlace(j, t));
			if (to === undefined) {
				ok = false;
				break;
			}
			board.place(j, to);
			moved.push(j);
		}
		if (ok) return true;
		for (const j of moved) board.remove(j);
		board.remove(k);
		for (const [j, sj] of was) board.place(j, sj);
	}
	return false;
}

/** Idle gaps of the whole board. */
export function totalGaps(board: Board) {
	const { prep } = board;
	let sum = 0;
	for (let p = 0; p < prep.P; p++) for (let g = 0; g < prep.sessions.length; g++) sum += board.gaps(p, g);
	return sum;
}

/** Move single meetings to other slots while that lowers both people's idle gaps; keeps the count. */
export function closeGaps(board: Board, deadline: number) {
	const { prep } = board;
	const { sessionOf } = prep;
	const local = (k: number, s: number, t: number) => {
		const m = prep.free[k];
		const g1 = sessionOf[s];
		const g2 = sessionOf[t];
		let v = board.gaps(m.a, g1) + board.gaps(m.b, g1);
		if (g2 !== g1) v += board.gaps(m.a, g2) + board.gaps(m.b, g2);
		return v;
	};
	for (let pass = 0; pass < 6; pass++) {
		let improved = 0;
		for (let k = 0; k < prep.free.length; k++) {
			const s = board.slotOf[k];
			if (s < 0) continue;
			if ((k & 63) === 0 && Date.now() > deadline) return;
			board.remove(k);
			let best = s;
			let bestDelta = 0;
			for (const t of prep.free[k].cands) {
				if (t === s || !board.canPlace(k, t)) continue;
				board.place(k, s);
				const v0 = local(k, s, t);
				board.remove(k);
				board.place(k, t);
				const v1 = local(k, s, t);
				board.remove(k);
				if (v1 - v0 < bestDelta) {
					bestDelta = v1 - v0;
					best = t;
				}
			}
			board.place(k, best);
			if (best !== s) improved++;
		}
		if (!improved) break;
	}
}
