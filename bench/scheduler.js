#!/usr/bin/env node
/**
 * The matchmaking scheduler on a generated edition (issue #14, "Performance"): 600 participants,
 * 3,000 accepted meetings, 4 sessions of 12 slots (20 min + 5 min gap) in one hall of 60 tables
 * (6 fixed to the most asked-for enterprises), skewed popularity, unavailability, busy times and
 * 20 locked meetings; fixed seed. Runs the greedy baseline and HiGHS on the same instance and
 * checks both with the independent checker. `node bench/scheduler.js` alone, or inside
 * `npm run bench` (bench/run.js; `--only scheduler` runs just this).
 * Target: HiGHS under 10 s and at least 99 % of the bound placed.
 */
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generate({ people = 600, meetings = 3000, sessions = 4, slotsPer = 12, tables = 60, fixed = 6, locked = 20, seed = 14 } = {}) {
	const r = rng(seed);
	const pick = (n) => Math.floor(r() * n);
	const day = Date.UTC(2026, 5, 8, 1, 0); // 09:00 Beijing
	const slots = [];
	for (let g = 0; g < sessions; g++) {
		const t0 = day + Math.floor(g / 2) * 86_400_000 + (g % 2) * 5 * 3_600_000;
		for (let i = 0; i < slotsPer; i++) slots.push({ id: `s${g}-${i}`, roomId: 'hall', startsAt: t0 + i * 25 * 60_000, endsAt: t0 + i * 25 * 60_000 + 20 * 60_000, sessionId: `g${g}` });
	}
	// Popularity: a few people are asked by many (investors, big enterprises).
	const weight = Array.from({ length: people }, (_, i) => 1 / Math.pow(i + 1, 0.6));
	const total = weight.reduce((a, b) => a + b, 0);
	const popular = () => {
		let x = r() * total;
		for (let i = 0; i < people; i++) if ((x -= weight[i]) <= 0) return i;
		return people - 1;
	};
	const pairs = new Set();
	const list = [];
	while (list.length < meetings) {
		const a = pick(people);
		const b = popular();
		const key = a < b ? `${a}-${b}` : `${b}-${a}`;
		if (a === b || pairs.has(key)) continue;
		pairs.add(key);
		list.push({ id: `m${list.length}`, a: `p${a}`, b: `p${b}` });
	}
	const tableList = Array.from({ length: tables }, (_, i) => ({ id: `t${i + 1}`, roomId: 'hall', fixedProfileId: i < fixed ? `p${i}` : null }));
	const unavailable = [];
	const busy = [];
	for (let p = 0; p < people; p++) {
		if (r() < 0.3) {
			const g = pick(sessions);
			for (let i = 0; i < slotsPer; i++) unavailable.push({ profileId: `p${p}`, slotId: `s${g}-${i}` });
		}
		for (let k = 0; k < 3; k++) unavailable.push({ profileId: `p${p}`, slotId: slots[pick(slots.length)].id });
		if (r() < 0.1) {
			const s = slots[pick(slots.length)];
			busy.push({ profileId: `p${p}`, startsAt: s.startsAt - 30 * 60_000, endsAt: s.startsAt + 30 * 60_000 });
		}
	}
	// Locked meetings: distinct people, unfixed tables, slots both have open.
	const off = new Set(unavailable.map((u) => `${u.profileId} ${u.slotId}`));
	const usedPeople = new Set();
	let n = 0;
	for (const m of list) {
		if (n >= locked) break;
		if ([m.a, m.b].some((p) => usedPeople.has(p) || Number(p.slice(1)) < fixed || busy.some((b) => b.profileId === p))) continue;
		const s = slots[(n * 7) % slots.length];
		if (off.has(`${m.a} ${s.id}`) || off.has(`${m.b} ${s.id}`)) continue;
		m.locked = { slotId: s.id, tableId: `t${fixed + 1 + (n % (tables - fixed))}` };
		usedPeople.add(m.a).add(m.b);
		n++;
	}
	return { slots, tables: tableList, meetings: list, unavailable, busy, walkMinutes: 5 };
}

export async function schedulerBench({ log = console.log } = {}) {
	const mod = await tsImport('../src/lib/server/matchmaking/scheduler/index.ts', import.meta.url);
	const input = generate();
	const rows = [];
	const run = async (name, fn) => {
		const t0 = performance.now();
		const res = await fn();
		const ms = Math.round(performance.now() - t0);
		const bad = mod.violations(input, res.placements);
		const row = { solver: res.solver, name, placed: res.placements.length, bound: res.bound, optimal: res.optimal, idleGaps: res.idleGaps, ms, violations: bad.length };
		rows.push(row);
		return row;
	};
	const greedy = await run('greedy', () => mod.greedySchedule(input));
	const highs = await run('highs', () => mod.scheduleMeetings(input));
	// Both against the better (lower) bound of the two runs.
	const bound = Math.min(greedy.bound, highs.bound);
	for (const row of rows) row.ratio = row.placed / bound;
	log(`scheduler: ${input.meetings.length} meetings, ${input.slots.length} slots, ${input.tables.length} tables; bound ${bound}`);
	for (const row of rows)
		log(`  ${row.name.padEnd(6)} (${row.solver}): placed ${row.placed}, ${(row.ratio * 100).toFixed(2)} % of bound, ${row.ms} ms, idle gaps ${row.idleGaps}, ${row.violations} violations${row.optimal ? ', optimal' : ''}`);
	const met = highs.ms < 10_000 && highs.ratio >= 0.99 && rows.every((r) => r.violations === 0);
	log(`  target (HiGHS < 10 s, ≥ 99 % of bound, no violations): ${met ? 'met' : 'NOT met'}`);
	return { meetings: input.meetings.length, slots: input.slots.length, tables: input.tables.length, bound, rows, met };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const r = await schedulerBench();
	process.exitCode = r.met ? 0 : 1;
}
