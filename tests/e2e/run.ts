/**
 * `npm run test:e2e`: browser journeys in Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) through playwright-core, against the production build. Each
 * `tests/e2e/*.e2e.ts` exports `default async function run()` that throws on failure.
 * Pass names to run a subset: `npm run test:e2e -- foundation schedule`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from '../../scripts/ensure-build.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.e2e.ts'))
	.filter((f) => !only.length || only.some((o) => f.startsWith(o)))
	.sort();

ensureBuild();
let passed = 0;
let failed = 0;
for (const f of files) {
	const t0 = Date.now();
	try {
		const mod = await import(pathToFileURL(path.join(dir, f)).href);
		await mod.default();
		passed++;
		console.log(`✓ ${f} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	} catch (e) {
		failed++;
		console.error(`✗ ${f}\n${e instanceof Error ? e.stack : String(e)}`);
	}
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
