/**
 * `npm run backup [-- --out FILE]`: a consistent snapshot of the embedded database (DATA_DIR), also
 * while the app runs (the running server writes it on SIGUSR2). On PostgreSQL use pg_dump.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db';
import { backupsDir, writeSnapshot } from '../src/lib/server/backup';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');

function runningPid(): number | null {
	try {
		const pid = Number(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8').trim());
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}

async function main() {
	if (process.env.DATABASE_URL) {
		console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump -Fc "$DATABASE_URL" -f week.dump (docs/OPERATIONS.md)');
		process.exit(2);
	}
	const dir = backupsDir(dataDir);
	let file: string;
	const pid = runningPid();
	if (pid) {
		const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
		process.kill(pid, 'SIGUSR2');
		const deadline = Date.now() + 120_000;
		for (;;) {
			const fresh = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => f.endsWith('.tar.gz') && !before.has(f));
			if (fresh.length) {
				file = path.join(dir, fresh.sort().at(-1)!);
				break;
			}
			if (Date.now() > deadline) throw new Error(`the running server (pid ${pid}) wrote no backup within 120 s`);
			await new Promise((r) => setTimeout(r, 100));
		}
	} else {
		const conn = await openDatabase({ dataDir });
		try {
			file = await writeSnapshot(conn, dir);
		} finally {
			await conn.close();
		}
	}
	if (values.out) {
		fs.copyFileSync(file, values.out);
		file = path.resolve(values.out);
	}
	console.log(`backup written: ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
}

main().catch((e) => {
	console.error(`error: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
});
