/**
 * `npm run bench -- --lighthouse [--pg]`: Lighthouse 12 (run through npx from the registry, so it
 * is no dependency of the app or its tests) in its default mobile profile with simulated
 * throttling, headless Chromium, on the pages a phone opens: home, program (default day, signed
 * in), a session page, the registration form, /me and the scanner. Scores, LCP, TBT and each
 * page's JavaScript (bytes over the wire, gzip) go into the bench JSON. See docs/PERFORMANCE.md.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LIGHTHOUSE = 'lighthouse@12.8.2';
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 64 * 2 ** 20, ...opts }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
	});
}

/** The pages, from the bench week's hand-off (DATA_DIR/bench.json). */
export function pages(url, h) {
	const signedIn = { cookie: `hw_session=${h.attendeeSession}` };
	return [
		{ name: 'home', url: `${url}/` },
		{ name: 'program', url: `${url}/events/${h.slug}`, headers: signedIn },
		{ name: 'session', url: `${url}/events/${h.slug}/sessions/${h.sessionCode}`, headers: signedIn },
		{ name: 'registration form', url: `${url}/events/${h.slug}/register`, headers: signedIn },
		{ name: '/me', url: `${url}/me`, headers: signedIn },
		// The scanner is a client-side app (no server render); what it loads before the camera starts.
		{ name: 'scanner', url: `${url}/scan/${h.slug}/${h.checkpointId}`, headers: signedIn }
	];
}

export async function lighthouse(url, h) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-lh-'));
	const rows = [];
	for (const p of pages(url, h)) {
		const out = path.join(dir, `${rows.length}.json`);
		const args = ['-y', LIGHTHOUSE, p.url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices', `--chrome-path=${CHROME}`, `--chrome-flags=${FLAGS}`];
		if (p.headers) args.push(`--extra-headers=${JSON.stringify({ ...p.headers, 'accept-language': 'en' })}`);
		else args.push(`--extra-headers=${JSON.stringify({ 'accept-language': 'en' })}`);
		try {
			await run('npx', args, { env: { ...process.env, CHROME_PATH: CHROME } });
			const lhr = JSON.parse(fs.readFileSync(out, 'utf8'));
			const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
			const items = lhr.audits['resource-summary']?.details?.items ?? [];
			const script = items.find((i) => i.resourceType === 'script');
			const failing = Object.values(lhr.audits)
				.filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'metricSavings') && a.details?.type !== 'debugdata')
				.map((a) => a.id);
			const row = {
				page: p.name,
				url: p.url.replace(url, ''),
				performance: score('performance'),
				accessibility: score('accessibility'),
				bestPractices: score('best-practices'),
				lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
				tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue),
				fcpMs: Math.round(lhr.audits['first-contentful-paint'].numericValue),
				jsKB: script ? Math.round((script.transferSize / 1024) * 10) / 10 : 0,
				totalKB: Math.round(((items.find((i) => i.resourceType === 'total')?.transferSize ?? 0) / 1024) * 10) / 10,
				failing
			};
			rows.push(row);
			console.log(`${p.name}: perf ${row.performance}, a11y ${row.accessibility}, bp ${row.bestPractices}, LCP ${row.lcpMs} ms, TBT ${row.tbtMs} ms, JS ${row.jsKB} KB${failing.length ? `; not passed: ${failing.join(', ')}` : ''}`);
		} catch (e) {
			rows.push({ page: p.name, url: p.url.replace(url, ''), error: String(e instanceof Error ? e.message : e).slice(0, 500) });
			console.log(`${p.name}: error ${String(e).slice(0, 300)}`);
		}
	}
	fs.rmSync(dir, { recursive: true, force: true });
	return rows;
}

export function verdict(r) {
	return !r.error && r.performance >= 95 && r.accessibility === 100 && r.bestPractices === 100 && r.lcpMs < 2000 && r.tbtMs < 100;
}
