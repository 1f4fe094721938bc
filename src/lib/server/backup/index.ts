/**
 * Backups of the embedded database. A running server writes a snapshot when it receives SIGUSR2
 * (`npm run backup` sends it), so backups never stop the app; a stopped data directory is dumped
 * directly. PostgreSQL deployments use pg_dump / pg_restore (docs/OPERATIONS.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from '../db';
import { log } from '../log';

export function backupsDir(dataDir = process.env.DATA_DIR ?? './data') {
	return path.resolve(dataDir, 'backups');
}

export async function writeSnapshot(conn: Connection, dir = backupsDir()): Promise<string> {
	if (!conn.snapshot) throw new Error('snapshots are for the embedded database; use pg_dump on PostgreSQL');
	fs.mkdirSync(dir, { recursive: true });
	const blob = await conn.snapshot();
	const file = path.join(dir, `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`);
	const tmp = `${file}.partial`;
	fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
	fs.renameSync(tmp, file); // atomic: a reader never sees half a file
	return file;
}

/** Installs the SIGUSR2 handler in the server process. */
export function listenForBackupSignal(conn: Connection) {
	if (conn.kind !== 'pglite') return;
	process.on('SIGUSR2', () => {
		writeSnapshot(conn)
			.then((file) => log.info({ msg: 'backup written', file }))
			.catch((e) => log.error({ msg: 'backup failed', err: String(e) }));
	});
}
