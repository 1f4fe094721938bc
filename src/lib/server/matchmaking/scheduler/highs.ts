/**
 * The integer program of index.ts, handed to HiGHS (WebAssembly, loaded once from node_modules).
 * Returns the best board HiGHS found (warm-started with the greedy) and its dual bound.
 */
import type { Highs } from 'highs';
import { Board, type Prep } from './model';

let runtime: Promise<Highs> | null = null;
function load() {
	// Loaded lazily: only scheduling needs the ~3 MB of WebAssembly.
	runtime ??= import('highs').then((m) => m.default()).catch((e) => {
		runtime = null;
		throw e;
	});
	return runtime;
}

interface Built {
	n: number;
	rows: number;
	colMeeting: Int32Array;
	colSlot: Int32Array;
	starts: Int32Array;
	indices: Int32Array;
	rowUpper: Float64Array;
}

/** Columns x[m,s] in CSC form; rows: meetings 0..F-1, slot capacities F..F+S-1, then (person, clique). */
export function build(prep: Prep): Built {
	const { S, free, slotCliques, cliques, cap } = prep;
	const F = free.length;
	const personRow = new Map<number, number>();
	let rows = F + S;
	const colMeeting: number[] = [];
	const colSlot: number[] = [];
	const starts: number[] = [0];
	const indices: number[] = [];
	const C = cliques.length;
	for (let k = 0; k < F; k++) {
		const m = free[k];
		for (const s of m.cands) {
			const entry: number[] = [k];
			if (!m.fixed) entry.push(F + s);
			for (const p of [m.a, m.b])
				for (const c of slotCliques[s]) {
					const key = p * C + c;
					let r = personRow.get(key);
					if (r === undefined) personRow.set(key, (r = rows++));
					entry.push(r);
				}
			entry.sort((x, y) => x - y);
			for (const r of entry) indices.push(r);
			starts.push(indices.length);
			colMeeting.push(k);
			colSlot.push(s);
		}
	}
	const rowUpper = new Float64Array(rows).fill(1);
	for (let s = 0; s < S; s++) rowUpper[F + s] = cap[s];
	return { n: colMeeting.length, rows, colMeeting: Int32Array.from(colMeeting), colSlot: Int32Array.from(colSlot), starts: Int32Array.from(starts), indices: Int32Array.from(indices), rowUpper };
}

function modelData(highs: Highs, b: Built, integer: boolean) {
	return {
		numCols: b.n,
		numRows: b.rows,
		sense: highs.constants.objectiveSense.maximize,
		colCost: new Float64Array(b.n).fill(1),
		colLower: new Float64Array(b.n),
		colUpper: new Float64Array(b.n).fill(1),
		rowLower: new Float64Array(b.rows),
		rowUpper: b.rowUpper,
		matrix: { format: 'csc' as const, numRows: b.rows, numCols: b.n, starts: b.starts, indices: b.indices, values: new Float64Array(b.indices.length).fill(1) },
		...(integer ? { integrality: new Int32Array(b.n).fill(highs.constants.variableType.integer) } : {})
	};
}

/**
 * Weak duality, computed here rather than trusted: for any y ≥ 0 on the rows, Σ u·y + Σ_j max(0, 1 − (Aᵀy)_j)
 * bounds the LP (hence the integer) optimum. HiGHS's row duals give a y close to the best; both sign
 * conventions are tried, each is a valid bound, the smaller is kept.
 */
function dualBound(b: Built, rowDual: Float64Array) {
	let best = Infinity;
	for (const sign of [1, -1]) {
		let v = 0;
		for (let i = 0; i < b.rows; i++) v += b.rowUpper[i] * Math.max(0, sign * rowDual[i]);
		for (let j = 0; j < b.n; j++) {
			let a = 0;
			for (let e = b.starts[j]; e < b.starts[j + 1]; e++) a += Math.max(0, sign * rowDual[b.indices[e]]);
			v += Math.max(0, 1 - a);
		}
		best = Math.min(best, v);
	}
	return Math.floor(best + 1e-6);
}

/**
 * The LP relaxation by interior point: no crossover (the duals are all the bound needs), no presolve
 * (it costs more than it saves on this sparse 0/1 matrix), a loose tolerance (the bound is recomputed
 * from the duals by weak duality, so it stays valid, and floors to the same integer).
 */
export async function solveLp(prep: Prep, b: Built, timeMs: number): Promise<{ x: Float64Array; bound: number }> {
	const highs = await load();
	const model = highs.createModel(modelData(highs, b, false));
	try {
		model.options.set({ output_flag: false, time_limit: Math.max(0.2, timeMs / 1000), solver: 'ipm', run_crossover: 'off', presolve: 'off', ipm_optimality_tolerance: 1e-5, random_seed: 1 });
		model.run();
		const sol = model.getSolution();
		return { x: sol.colValue, bound: dualBound(b, sol.rowDual) };
	} finally {
		model.dispose();
	}
}

/** Round an LP solution: the columns nearest 1 first, each where it still fits. */
export function roundLp(prep: Prep, b: Built, x: Float64Array): Board {
	const board = new Board(prep);
	const order = [...Array(b.n).keys()].filter((j) => x[j] > 1e-3).sort((i, j) => x[j] - x[i] || i - j);
	for (const j of order) if (board.slotOf[b.colMeeting[j]] < 0 && board.canPlace(b.colMeeting[j], b.colSlot[j])) board.place(b.colMeeting[j], b.colSlot[j]);
	return board;
}

/** The exact integer program, warm-started with a board; for small instances. */
export async function solveMip(prep: Prep, b: Built, warm: Board, timeMs: number): Promise<{ board: Board; bound: number; optimal: boolean } | null> {
	const highs = await load();
	const { n, colMeeting, colSlot } = b;
	if (n === 0) return { board: warm, bound: 0, optimal: true };
	const model = highs.createModel(modelData(highs, b, true));
	try {
		model.options.set({ output_flag: false, time_limit: Math.max(0.2, timeMs / 1000), mip_rel_gap: 0, random_seed: 1 });
		const start = new Float64Array(n);
		for (let j = 0; j < n; j++) if (warm.slotOf[colMeeting[j]] === colSlot[j]) start[j] = 1;
		model.setSolution({ colValue: start });
		model.run();
		const status = model.getModelStatus();
		const st = highs.constants.modelStatus;
		if (status !== st.optimal && status !== st.timeLimit && status !== st.iterationLimit && status !== st.interrupted && status !== st.solutionLimit) return null;
		const dual = Number(model.info.get('mip_dual_bound'));
		const bound = Number.isFinite(dual) ? Math.floor(dual + 1e-6) : Infinity;
		const sol = model.getSolution().colValue;
		const board = new Board(prep);
		for (let j = 0; j < n; j++) if (sol[j] > 0.5 && board.slotOf[colMeeting[j]] < 0 && board.canPlace(colMeeting[j], colSlot[j])) board.place(colMeeting[j], colSlot[j]);
		return { board, bound, optimal: status === st.optimal };
	} finally {
		model.dispose();
	}
}
