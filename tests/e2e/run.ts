/**
 * `npm run test:e2e`: browser journeys in Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) through playwright-core, against the production build. Each
 * `tests/e2e/*.e2e.ts` exports `default async function run()` that throws on failure.
 * Pass names to run a subset: `npm run test:e2e -- foundation schedule`.
 *
 * Journeys are independent (each starts its own app on its own port and data directory, and its own
 * browser), and most of a journey's time is spent waiting on pages, not computing: they run
 * E2E_CONCURRENCY at a time (default 2), the two long crawls first so the short ones fill in. The
 * check-in journey measures the scanner's decode time, so it runs alone, before the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from '../../scripts/ensure-build.js';
import { makePgliteTemplate } from '../helpers/pglite-template';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const LONG = ['crawl.e2e.ts', 'crawl-desk.e2e.ts'];
/** Journeys that time something: nothing else runs beside them. */
const ALONE = ['checkin.e2e.ts'];
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.e2e.ts'))
	.filter((f) => !only.length || only.some((o) => f.startsWith(o)))
	.sort((a, b) => Number(LONG.includes(b)) - Number(LONG.includes(a)) || a.localeCompare(b));
const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY) || 2);

ensureBuild();
// Every journey's app starts from one migrated embedded cluster (no initdb per app; see the helper).
const template = await makePgliteTemplate();
process.env.HW_PGLITE_TEMPLATE = template.dir;
const t00 = Date.now();
let passed = 0;
let failed = 0;
async function worker(queue: string[]) {
	for (let f = queue.shift(); f; f = queue.shift()) {
		const t0 = Date.now();
		try {
			const mod = await import(pathToFileURL(path.join(dir, f)).href);
			await mod.default();
			passed++;
			console.log(`✓ ${f} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		} catch (e) {
			failed++;
			console.error(`✗ ${f} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${e instanceof Error ? e.stack : String(e)}`);
		}
	}
}
await worker(files.filter((f) => ALONE.includes(f)));
const queue = files.filter((f) => !ALONE.includes(f));
await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, () => worker(queue)));
template.remove();
console.log(`\n${passed} passed, ${failed} failed in ${((Date.now() - t00) / 1000).toFixed(1)} s (${concurrency} at a time)`);
process.exit(failed ? 1 : 0);
