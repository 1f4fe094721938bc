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

export async function solveMip(prep: Prep, warm: Board, timeMs: number): Promise<{ board: Board; bound: number; optimal: boolean } | null> {
	const highs = await load();
	const { S, free, slotCliques, cliques, cap } = prep;
	const F = free.length;
	// Rows: meetings 0..F-1, slot capacities F..F+S-1, then one row per (person, clique) in use.
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
	const n = colMeeting.length;
	if (n === 0) return { board: warm, bound: 0, optimal: true };
	const rowUpper = new Float64Array(rows).fill(1);
	for (let s = 0; s < S; s++) rowUpper[F + s] = cap[s];
	const model = highs.createModel({
		numCols: n,
		numRows: rows,
		sense: highs.constants.objectiveSense.maximize,
		colCost: new Float64Array(n).fill(1),
		colLower: new Float64Array(n),
		colUpper: new Float64Array(n).fill(1),
		rowLower: new Float64Array(rows),
		rowUpper,
		matrix: { format: 'csc', numRows: rows, numCols: n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: new Float64Array(indices.length).fill(1) },
		integrality: new Int32Array(n).fill(highs.constants.variableType.integer)
	});
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
