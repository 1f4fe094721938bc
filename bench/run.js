#!/usr/bin/env node
/**
 * `npm run bench [-- --pg] [-- --only name,name] [-- --duration 5] [-- --prof]`
 * `npm run bench -- --soak [--soak-minutes 3] [--pg]`: the mixed load for minutes instead (bench/soak.js).
 * `npm run bench -- --lighthouse [--pg]`: Lighthouse (mobile) on the pages a phone opens instead (bench/lighthouse.js).
 * `-- --repeat 3`: each scenario three times, each run right after its own no-op measurement.
 * `-- --scale`: the week ten times larger (DEMO_DATA=bench-scale: 50,000 registrations, 3,000
 *   sessions in 10 venues, 200 checkpoints, 500,000 past scans), with the organizer list scenarios.
 *
 * Builds the production server, starts it on a fresh database filled with a large generated week,
 * drives each scenario with autocannon over loopback, and prints one table. Every figure is set
 * against two baselines measured in the same run: a bare node:http JSON handler (the machine's limit)
 * and the app's no-op JSON endpoint `/api/v1/ping` (the framework's limit). Results are written to
 * bench/results/<date>-<db>.json. See docs/PERFORMANCE.md.
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { ensureBuild, root } from '../scripts/ensure-build.js';
import { scenarios } from './scenarios.js';
import { gcWatcher, soak } from './soak.js';
import { lighthouse, LIGHTHOUSE, verdict } from './lighthouse.js';
import { schedulerBench } from './scheduler.js';

const { values: args } = parseArgs({
	options: { pg: { type: 'boolean', default: false }, prof: { type: 'boolean', default: false }, only: { type: 'string' }, duration: { type: 'string', default: '5' }, soak: { type: 'boolean', default: false }, 'soak-minutes': { type: 'string', default: '3' }, repeat: { type: 'string', default: '1' }, scale: { type: 'boolean', default: false }, lighthouse: { type: 'boolean', default: false } },
	allowPositionals: true
});
const DURATION = Number(args.duration);
const REPEAT = Number(args.repeat);
const only = args.only ? args.only.split(',') : null;

async function freePort() {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

async function waitHealthy(url, timeoutMs = 600_000) {
	const t0 = Date.now();
	for (;;) {
		try {
			if ((await fetch(url + '/healthz')).ok) return Date.now() - t0;
		} catch {
			/* not yet */
		}
		if (Date.now() - t0 > timeoutMs) throw new Error('server did not become healthy');
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** CPU time (user + system) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid) {
	try {
		const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(f[11]) + Number(f[12])) * 10;
	} catch {
		return 0;
	}
}

/** CLOCK_MONOTONIC in µs: the clock of V8's CPU profiles, so a scenario's window can be cut out of one (bench/profile-summary.js --window). */
const monoUs = () => Number(process.hrtime.bigint() / 1000n);

function rssOf(pid) {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

async function freshDatabase() {
	if (!args.pg) return undefined;
	const base = process.env.DATABASE_URL;
	if (!base) throw new Error('--pg needs DATABASE_URL');
	const name = `hw_bench_${Date.now().toString(36)}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const u = new URL(base);
	u.pathname = `/${name}`;
	return { url: u.toString(), name, base };
}

/** The server runs with the Node flags of `npm start` (package.json), so its memory is what users get. */
const START_FLAGS = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start.match(/--[\w-]+=\S+/g) ?? [];

function startApp(env, flags = []) {
	const proc = spawn(process.execPath, [...START_FLAGS, ...flags, path.join(root, 'build', 'index.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout.on('data', (d) => (out += d));
	proc.stderr.on('data', (d) => (out += d));
	return { proc, output: () => out };
}

function stop(proc) {
	return new Promise((resolve) => {
		if (proc.exitCode !== null) return resolve();
		proc.once('exit', resolve);
		proc.kill('SIGTERM');
	});
}

/** The server process under test, for its CPU time per request. */
let serverPid = 0;

async function load(opts) {
	const { expectNon2xx, ...rest } = opts;
	const cpu0 = serverPid ? cpuMsOf(serverPid) : 0;
	const mono0 = monoUs();
	const options = { duration: DURATION, connections: 32, pipelining: 1, ...rest };
	// A fixed number of requests (the rush) replaces the duration.
	if (options.amount) delete options.duration;
	const started = performance.now();
	let lastResponse = started;
	const run = autocannon(options);
	run.on('response', () => (lastResponse = performance.now()));
	const result = await run;
	// autocannon's figure is the mean of per-second samples. A fixed number of requests ends inside
	// a sample, which still counts as a whole second: 1,000 requests done in 1.1 s read as 500/s
	// (1,000 / 2 samples). For those runs: requests answered / time to the last answer.
	const rps = options.amount ? result.requests.total / ((lastResponse - started) / 1000) : result.requests.average;
	const cpuMs = serverPid ? cpuMsOf(serverPid) - cpu0 : 0;
	return {
		rps: Math.round(rps),
		// The server's CPU per answer (on PGlite the database's too: it runs in the server).
		cpuMsPerRequest: serverPid && result.requests.total ? Math.round((cpuMs / result.requests.total) * 1000) / 1000 : undefined,
		window: [mono0, monoUs()],
		p50: result.latency.p50,
		p99: result.latency.p99,
		// A 304 is the expected answer of the ETag scenarios; anything else outside 2xx is an error.
		errors: result.errors + result.timeouts + (expectNon2xx ? result.non2xx - (result.statusCodeStats?.['304']?.count ?? 0) : result.non2xx),
		total: result.requests.total,
		statusCodes: result.statusCodeStats
	};
}

async function main() {
	ensureBuild();
	if (args.soak) return soakMain();
	if (args.lighthouse) return lighthouseMain();
	const started = Date.now();
	const rows = [];

	// 1. The machine's limit.
	const basePort = await freePort();
	const baseline = fork(path.join(root, 'bench', 'baseline.js'), { env: { ...process.env, PORT: String(basePort) } });
	await new Promise((r) => baseline.once('message', r));
	await load({ url: `http://127.0.0.1:${basePort}/`, duration: 1 });
	const nodeHttp = await load({ url: `http://127.0.0.1:${basePort}/` });
	baseline.kill();
	rows.push({ scenario: 'node:http JSON (machine limit)', ...nodeHttp });

	// 2. The app, on a fresh database with the large generated week.
	const db = await freshDatabase();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATA_DIR: dataDir,
		BODY_SIZE_LIMIT: '16M',
		DEMO_DATA: args.scale ? 'bench-scale' : 'bench',
		LOG_REQUESTS: 'off',
		RATE_LIMIT: 'off',
		DATABASE_POOL_MAX: '20'
	};
	delete env.DATABASE_URL;
	if (db) env.DATABASE_URL = db.url;
	// Seeding the scale week needs more than npm start's heap (its 50,000 signed codes, the release of
	// 3,000 sessions); the measured start below has npm start's flags again.
	let app = startApp(env, args.scale ? ['--max-old-space-size=2048'] : []);
	await waitHealthy(url);
	// Start-up on a built app and a migrated, seeded database.
	await stop(app.proc);
	const t0 = Date.now();
	// --prof: a V8 CPU profile of the server for the scenarios (open it in Chrome DevTools or speedscope).
	const profDir = path.join(root, 'bench', 'profiles');
	app = startApp(env, args.prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
	await waitHealthy(url);
	const startupMs = Date.now() - t0;
	serverPid = app.proc.pid;
	let peakRss = 0;
	// The peak of the whole run, and of each scenario (to see which one grows the process).
	let scenarioRss = 0;
	const sampler = setInterval(() => {
		const rss = rssOf(app.proc.pid);
		peakRss = Math.max(peakRss, rss);
		scenarioRss = Math.max(scenarioRss, rss);
	}, 100);
	const startRss = rssOf(app.proc.pid);

	await load({ url: `${url}/api/v1/ping`, duration: 1 });
	const noop = await load({ url: `${url}/api/v1/ping` });
	rows.push({ scenario: 'SvelteKit no-op endpoint (framework limit)', name: 'noop', ...noop });

	const ctx = { url, load, env, db: db?.url, scale: args.scale };
	for (const s of scenarios) {
		if (only ? !only.includes(s.name) : s.optIn) continue;
		if (s.scaleOnly && !args.scale) continue;
		let prepared;
		const reps = s.once ? 1 : REPEAT;
		for (let rep = 0; rep < reps; rep++) {
			scenarioRss = 0;
			try {
				prepared ??= s.setup ? await s.setup(ctx) : {};
				if (s.measure) {
					// Latency one request at a time (the organizer list): no no-op ratio.
					const r = await s.measure(ctx, prepared);
					rows.push({ scenario: s.title, name: s.name, rep, ...r, p95Max: s.p95Max });
					console.log(`${s.name}: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.errors} errors${r.check ? `, ${r.check.note}` : ''}`);
					continue;
				}
				// Interleaved: the no-op endpoint right before each run, so the ratio compares the same
				// moment of a shared machine.
				const base = rep === 0 && !rows.at(-1)?.name?.startsWith('noop') ? noop : await load({ url: `${url}/api/v1/ping` });
				// A second of the same load first: V8 compiles hot code (PGlite's WebAssembly included)
				// only after a few thousand calls, and a server at the door has long been warm.
				// Scenarios with a fixed number of requests (the rush) are measured cold.
				if (s.warmup !== false && rep === 0) await load({ ...s.request(ctx, prepared), duration: 1 });
				const r = await load(s.request(ctx, prepared));
				const check = s.verify ? await s.verify(ctx, prepared, r) : null;
				const rssMb = Math.round(scenarioRss / 2 ** 20);
				rows.push({ scenario: s.title + (reps > 1 ? ` (run ${rep + 1})` : ''), name: s.name, rep, ...r, noopRps: base.rps, ratio: r.rps / base.rps, target: s.target, check, p99Max: s.p99Max, rssMb });
				console.log(`${s.name}${reps > 1 ? ` #${rep + 1}` : ''}: ${r.rps} req/s (no-op ${base.rps}), p99 ${r.p99} ms, ${r.cpuMsPerRequest} ms CPU/req, ${r.errors} errors, RSS ${rssMb} MB${check ? `, ${check.note}` : ''}`);
			} catch (e) {
				rows.push({ scenario: s.title, name: s.name, error: String(e instanceof Error ? e.message : e) });
				break;
			}
		}
	}
	clearInterval(sampler);
	peakRss = Math.max(peakRss, rssOf(app.proc.pid));
	await stop(app.proc);
	if (db) {
		const admin = postgres(db.base, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${db.name} with (force)`).catch(() => {});
		await admin.end();
	}

	// The matchmaking scheduler: pure computation, run here once the server is down (bench/scheduler.js).
	const scheduler = !only || only.includes('scheduler') ? await schedulerBench() : undefined;

	// 3. The table.
	const fmt = (n, d = 0) => (n === undefined ? '' : Number(n).toFixed(d));
	const lines = [
		`| scenario | req/s | × no-op | target | p50 ms | p99 ms | CPU ms/req | errors | verdict |`,
		`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`
	];
	let allMet = true;
	for (const r of rows) {
		if (r.error) {
			allMet = false;
			lines.push(`| ${r.scenario} | | | | | | | | error: ${r.error} |`);
			continue;
		}
		const judged = r.target !== undefined || r.p95Max !== undefined;
		const met = !judged || ((r.target === undefined || r.ratio >= r.target) && (!r.p99Max || r.p99 <= r.p99Max) && r.errors === 0 && (r.check?.ok ?? true));
		if (!met) allMet = false;
		lines.push(
			`| ${r.scenario} | ${fmt(r.rps)} | ${r.ratio === undefined ? '' : fmt(r.ratio, 2)} | ${r.target === undefined ? (r.p95Max ? `p95 < ${r.p95Max} ms` : '') : `≥ ${r.target}${r.p99Max ? `, p99 < ${r.p99Max}` : ''}`} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)}${r.p95 !== undefined ? ` (p95 ${fmt(r.p95, 1)})` : ''} | ${fmt(r.cpuMsPerRequest, 2)} | ${r.errors} | ${!judged ? 'baseline' : met ? 'met' : 'NOT met'}${r.check?.note ? ` (${r.check.note})` : ''} |`
		);
	}
	const memOk = peakRss < 350 * 1024 * 1024;
	const startOk = startupMs < 3000;
	lines.push(`| peak server RSS (${(startRss / 2 ** 20).toFixed(0)} MB after start-up) | ${(peakRss / 2 ** 20).toFixed(0)} MB | | < 350 MB | | | | | ${memOk ? 'met' : 'NOT met'} |`);
	lines.push(`| start-up to healthy (built, migrated) | ${startupMs} ms | | < 3000 ms | | | | | ${startOk ? 'met' : 'NOT met'} |`);
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${db ? 'PostgreSQL' : 'PGlite'}`;
	console.log(`\n${machine}; ${DURATION} s per scenario, 32 connections; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
	console.log(lines.join('\n'));
	console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	// One file per run (the time in its name): runs are kept, not overwritten.
	const file = path.join(root, 'bench', 'results', `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}-${db ? 'pg' : 'pglite'}${args.scale ? '-scale' : ''}.json`);
	fs.writeFileSync(file, JSON.stringify({ machine, date: new Date().toISOString(), durationS: DURATION, loadAverage: os.loadavg(), args, rows, scheduler, startRssMB: startRss / 2 ** 20, peakRssMB: peakRss / 2 ** 20, startupMs }, null, 2));
	console.log(`results: ${path.relative(root, file)}`);
	process.exitCode = allMet && memOk && startOk && (scheduler?.met ?? true) ? 0 : 1;
}

/** The soak: one server (npm start's flags, and --trace-gc for the heap after each full GC), the mixed load for minutes. */
async function soakMain() {
	const db = await freshDatabase();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-soak-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATA_DIR: dataDir, DEMO_DATA: 'bench', LOG_REQUESTS: 'off', RATE_LIMIT: 'off', DATABASE_POOL_MAX: '20' };
	delete env.DATABASE_URL;
	if (db) env.DATABASE_URL = db.url;
	const app = startApp(env, ['--trace-gc']);
	const gcMarks = gcWatcher(app.proc.stdout);
	await waitHealthy(url);
	const minutes = Number(args['soak-minutes']);
	const result = await soak({ url, dataDir, minutes, gcMarks, rss: () => rssOf(app.proc.pid) });
	const alive = app.proc.exitCode === null;
	await stop(app.proc);
	if (db) {
		const admin = postgres(db.base, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${db.name} with (force)`).catch(() => {});
		await admin.end();
	}
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${db ? 'PostgreSQL' : 'PGlite'}`;
	const file = path.join(root, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-soak-${db ? 'pg' : 'pglite'}.json`);
	fs.writeFileSync(file, JSON.stringify({ machine, date: new Date().toISOString(), ...result, alive }, null, 2));
	console.log(`${machine}\nresults: ${path.relative(root, file)}`);
	process.exitCode = result.ok && alive ? 0 : 1;
}

/** Lighthouse on one server with the bench week (bench/lighthouse.js); the server is idle between pages. */
async function lighthouseMain() {
	const db = await freshDatabase();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-lh-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATA_DIR: dataDir, DEMO_DATA: 'bench', LOG_REQUESTS: 'off', RATE_LIMIT: 'off' };
	delete env.DATABASE_URL;
	if (db) env.DATABASE_URL = db.url;
	const app = startApp(env);
	await waitHealthy(url);
	const h = JSON.parse(fs.readFileSync(path.join(dataDir, 'bench.json'), 'utf8'));
	const list = await (await fetch(`${url}/api/v1/events/${h.slug}/sessions?pageSize=200`)).json();
	h.sessionCode = list.sessions.find((x) => !x.requiresBooking && x.kind !== 'break')?.code ?? list.sessions[0].code;
	const rows = await lighthouse(url, h);
	await stop(app.proc);
	if (db) {
		const admin = postgres(db.base, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${db.name} with (force)`).catch(() => {});
		await admin.end();
	}
	const lines = ['| page | performance | accessibility | best practices | LCP ms | TBT ms | JavaScript KB (gzip) | verdict |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
	for (const r of rows) lines.push(r.error ? `| ${r.page} | | | | | | | error |` : `| ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.lcpMs} | ${r.tbtMs} | ${r.jsKB} | ${verdict(r) ? 'met' : 'NOT met'} |`);
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${db ? 'PostgreSQL' : 'PGlite'}, ${LIGHTHOUSE} (mobile, simulated throttling)`;
	console.log(`\n${machine}\n\n${lines.join('\n')}`);
	const file = path.join(root, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-lighthouse-${db ? 'pg' : 'pglite'}.json`);
	fs.writeFileSync(file, JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2));
	console.log(`results: ${path.relative(root, file)}`);
	process.exitCode = rows.every(verdict) ? 0 : 1;
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
