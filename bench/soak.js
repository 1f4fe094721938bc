/**
 * `npm run bench -- --soak [--soak-minutes 3]`: a long day in a few minutes (issue 19).
 *
 * A mixed load at once, for the whole run: anonymous program pages (gzip), signed-in program pages,
 * the calendar feed, check-in scans (each badge, then again: already admitted) and registrations
 * (the bench's 1,000 rush people, then the same people again: 409 already registered). Meeting
 * requests are not part of it: that domain does not exist yet.
 *
 * Figures: the server's V8 heap after its full garbage collections (Node's `--trace-gc` lines, the
 * median of those in the first minute and in the last one) and its RSS; the throughput of the first
 * and of the last minute. Verdicts: the heap after GC at the end within 25 % (or 16 MB) of the start,
 * and the last minute's throughput within 10 % of the first's.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

const json = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

/** Heap in MB after each Mark-Compact, with the time it was read. */
export function gcWatcher(stream) {
	const marks = [];
	let buffer = '';
	stream.on('data', (d) => {
		buffer += d;
		let i;
		while ((i = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, i);
			buffer = buffer.slice(i + 1);
			const m = /Mark-Compact[^\n]*?[\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
			if (m) marks.push({ at: Date.now(), mb: Number(m[1]) });
		}
	});
	return marks;
}

const median = (xs) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
};

export async function soak({ url, dataDir, minutes, gcMarks, rss }) {
	const h = JSON.parse(fs.readFileSync(path.join(dataDir, 'bench.json'), 'utf8'));
	const ms = minutes * 60_000;
	let scan = 0;
	let reg = 0;
	const mixes = [
		{ name: 'program (anonymous, gzip)', connections: 4, url: `${url}/events/${h.slug}?day=all`, headers: { 'accept-language': 'en', 'accept-encoding': 'gzip' } },
		{ name: 'program (signed in)', connections: 2, url: `${url}/events/${h.slug}?day=all`, headers: { 'accept-language': 'en', cookie: `hw_session=${h.attendeeSession}` } },
		{ name: 'program.ics (gzip)', connections: 2, url: `${url}/events/${h.slug}/program.ics`, headers: { 'accept-encoding': 'gzip' } },
		{
			name: 'check-in scans',
			connections: 4,
			url: `${url}/api/v1/checkins`,
			method: 'POST',
			headers: json(h.deviceToken),
			requests: [
				{
					setupRequest: (req) => ({
						...req,
						body: JSON.stringify({ code: h.codes[scan++ % h.codes.length], checkpointId: h.checkpointId, scanId: randomUUID(), scannedAt: new Date().toISOString() })
					})
				}
			]
		},
		{
			name: 'registrations',
			connections: 2,
			url: `${url}/api/v1/events/${h.slug}/registrations`,
			method: 'POST',
			expect: [201, 409],
			requests: [
				{
					setupRequest: (req) => ({ ...req, headers: json(h.rush.tokens[reg++ % h.rush.tokens.length]), body: JSON.stringify({ category: h.rush.category, answers: {} }) })
				}
			]
		}
	];
	// Responses per second, all kinds together; and per kind, the unexpected statuses.
	const t0 = Date.now();
	const perSecond = new Array(Math.ceil(ms / 1000) + 2).fill(0);
	const rssSamples = [];
	const sampler = setInterval(() => rssSamples.push({ at: Date.now(), mb: rss() / 2 ** 20 }), 1000);
	const startRss = rss() / 2 ** 20;
	const runs = mixes.map((m) => {
		const { name, expect = [200], ...opts } = m;
		const bad = {};
		const run = autocannon({ ...opts, duration: ms / 1000, pipelining: 1 });
		run.on('response', (_c, status) => {
			perSecond[Math.floor((Date.now() - t0) / 1000)]++;
			if (!expect.includes(status)) bad[status] = (bad[status] ?? 0) + 1;
		});
		return run.then((r) => ({ name, total: r.requests.total, errors: r.errors + r.timeouts, bad }));
	});
	const results = await Promise.all(runs);
	clearInterval(sampler);
	const seconds = Math.floor(ms / 1000);
	const minute = Math.min(60, Math.floor(seconds / 3));
	const first = perSecond.slice(0, minute).reduce((a, b) => a + b, 0) / minute;
	const last = perSecond.slice(seconds - minute, seconds).reduce((a, b) => a + b, 0) / minute;
	const inWindow = (from, to) => gcMarks.filter((g) => g.at >= from && g.at < to).map((g) => g.mb);
	const heapStart = median(inWindow(t0, t0 + minute * 1000));
	const heapEnd = median(inWindow(t0 + (seconds - minute) * 1000, t0 + seconds * 1000 + 2000));
	const endRss = median(rssSamples.slice(-minute).map((s) => s.mb));
	const memOk = heapEnd <= Math.max(heapStart * 1.25, heapStart + 16);
	const rateOk = last >= first * 0.9;
	const errors = results.reduce((a, r) => a + r.errors + Object.values(r.bad).reduce((x, y) => x + y, 0), 0);
	const lines = [
		`soak: ${minutes} min, ${mixes.reduce((a, m) => a + m.connections, 0)} connections (${mixes.map((m) => `${m.name} ×${m.connections}`).join(', ')}); meeting requests: not yet built`,
		...results.map((r) => `  ${r.name}: ${r.total} requests, ${r.errors} errors${Object.keys(r.bad).length ? `, unexpected statuses ${JSON.stringify(r.bad)}` : ''}`),
		`  throughput: first ${minute} s ${first.toFixed(0)} req/s, last ${minute} s ${last.toFixed(0)} req/s (${((last / first - 1) * 100).toFixed(1)} %) → ${rateOk ? 'met' : 'NOT met'} (last at least 90 % of first)`,
		`  V8 heap after full GC: start ${heapStart.toFixed(1)} MB, end ${heapEnd.toFixed(1)} MB (${gcMarks.length} full GCs) → ${memOk ? 'met' : 'NOT met'} (within 25 % or 16 MB)`,
		`  RSS: start ${startRss.toFixed(0)} MB, last ${minute} s ${endRss.toFixed(0)} MB`
	];
	console.log(lines.join('\n'));
	return { ok: memOk && rateOk && errors === 0, minutes, first, last, heapStart, heapEnd, startRss, endRss, fullGcs: gcMarks.length, results };
}
