#!/usr/bin/env node
/**
 * `npm start`: build the app if there is no build or the sources are newer than it, then run the
 * production server (adapter-node). Migrations and the demo seed run inside the server's start-up,
 * before it listens, so one process owns the embedded database.
 */
import path from 'node:path';
import { buildIsFresh, ensureBuild, root } from './ensure-build.js';

process.chdir(root);
// A newcomer sees three things: building…, ready at the URL, the demo logins. The build's own
// output (plugin timings, bundler warnings) is kept back and shown only if the build fails.
if (!buildIsFresh()) {
	const t0 = Date.now();
	process.stdout.write('Building the app (first start, or the sources changed; about a minute)…\n');
	try {
		ensureBuild({ quiet: true });
	} catch (e) {
		console.error(String(e instanceof Error ? e.message : e));
		process.exit(1);
	}
	process.stdout.write(`Built in ${Math.round((Date.now() - t0) / 1000)} s. Starting…\n`);
}
process.env.HW_START_BANNER ??= '1';
process.env.PORT ??= '3000';
// Pitch decks and photos are checked by the app (type by content, size per kind); allow their size here.
process.env.BODY_SIZE_LIMIT ??= '16M';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
await import(path.join(root, 'build', 'index.js'));
