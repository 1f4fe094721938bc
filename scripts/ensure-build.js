/**
 * Builds the production app when there is no build or a source is newer than it. Used by
 * `npm start`, the test suite's HTTP tests, the e2e journeys and the benchmarks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'build', '.built');
const inputs = ['src', 'static', 'messages', 'drizzle', 'project.inlang/settings.json', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} p @returns {number} */
function newest(p) {
	if (!fs.existsSync(p)) return 0;
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	// Files only: a directory's own mtime changes when generated output beside it is rewritten.
	let max = 0;
	for (const e of fs.readdirSync(p)) if (e !== 'paraglide') max = Math.max(max, newest(path.join(p, e)));
	return max;
}

export function buildIsFresh() {
	if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, 'build', 'index.js'))) return false;
	return Math.max(...inputs.map((i) => newest(path.join(root, i)))) <= fs.statSync(stamp).mtimeMs;
}

export function ensureBuild({ quiet = false } = {}) {
	if (buildIsFresh()) return;
	if (!quiet) console.log('Building the app (no build yet, or sources changed)...');
	const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: quiet ? 'pipe' : 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (r.status !== 0) {
		if (quiet) process.stderr.write(String(r.stderr ?? '') + String(r.stdout ?? ''));
		throw new Error(`vite build failed with status ${r.status}`);
	}
	fs.writeFileSync(stamp, new Date().toISOString());
}
