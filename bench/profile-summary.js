#!/usr/bin/env node
/**
 * `node bench/profile-summary.js FILE.cpuprofile [--by file|fn] [--top 30] [--window RESULTS.json:scenario]`
 * Self time of a V8 CPU profile (from `npm run bench -- --prof`), grouped by function or by file,
 * so a profile can be read in a terminal and quoted in docs/PERFORMANCE.md. `--window` keeps only
 * the samples taken while one scenario was measured (its `window` in the run's results file: both
 * are CLOCK_MONOTONIC), e.g. `--window bench/results/2026-12-02T00-10-00-pglite.json:checkin`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { by: { type: 'string', default: 'fn' }, top: { type: 'string', default: '30' }, window: { type: 'string' } }, allowPositionals: true });
const prof = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
let from = -Infinity;
let to = Infinity;
if (values.window) {
	const i = values.window.lastIndexOf(':');
	const run = JSON.parse(fs.readFileSync(values.window.slice(0, i), 'utf8'));
	const name = values.window.slice(i + 1);
	const row = run.rows.find((r) => r.name === name || r.scenario === name);
	if (!row?.window) throw new Error(`no window for ${name}`);
	[from, to] = row.window;
}
let t = prof.startTime;
for (let i = 0; i < prof.samples.length; i++) {
	t += dt[i] ?? 0;
	if (t < from || t > to) continue;
	self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const groups = new Map();
for (const [id, us] of self) {
	const { callFrame: f } = byId.get(id);
	const file = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\/build\//, 'build/') || '(native)';
	const key = values.by === 'file' ? file : `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
	groups.set(key, (groups.get(key) ?? 0) + us);
}
const rows = [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`total ${(total / 1e6).toFixed(2)} s sampled${values.window ? ` in ${values.window}` : ''}`);
for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
