/**
 * `npm run restore -- --from FILE`: replaces the embedded database in DATA_DIR with a backup. The
 * app must be stopped; the current database is kept beside it as pglite.before-restore-<time>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { acquireDirLock } from '../src/lib/server/db/lock';

const { values } = parseArgs({ options: { from: { type: 'string' } } });

async function main() {
	if (!values.from) throw new Error('usage: npm run restore -- --from FILE');
	if (process.env.DATABASE_URL) throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore (docs/OPERATIONS.md)');
	const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
	const lock = acquireDirLock(dataDir); // refuses while the app runs
	try {
		const target = path.join(dataDir, 'pglite');
		let kept: string | null = null;
		if (fs.existsSync(target)) {
			kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			fs.renameSync(target, kept);
		}
		const blob = new Blob([fs.readFileSync(values.from)]);
		const db = await PGlite.create({ dataDir: target, loadDataDir: blob });
		const { rows } = await db.query<{ n: number }>('select count(*)::int as n from users');
		await db.close();
		console.log(`restored ${values.from} into ${target} (${rows[0].n} users)${kept ? `; the previous database is in ${kept}` : ''}`);
	} finally {
		lock.release();
	}
}

main().catch((e) => {
	console.error(`error: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
});
