/**
 * A migrated PGlite cluster made once per run (Vitest's global setup, the browser journeys' runner):
 * creating a PGlite cluster runs initdb inside WebAssembly (~3 s here, more under load), and the
 * migrations another half second, for every test file and every app server. Instead each in-memory
 * test database loads the migrated cluster's tarball (~0.4 s) and each app server's fresh data
 * directory starts as a copy of the migrated directory; the app then applies no migration and seeds
 * the demo into it at its own start, exactly as on a first start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { runMigrations } from '../../src/lib/server/db/migrate';

export interface PgliteTemplate {
	/** a DATA_DIR holding `pglite/`, migrated */
	dir: string;
	/** the same cluster as an uncompressed `dumpDataDir` tarball, for `openDatabase({ memory, loadDataDir })` */
	tarball: string;
	remove(): void;
}

export async function makePgliteTemplate(): Promise<PgliteTemplate> {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-pglite-template-'));
	const dir = path.join(root, 'data');
	const conn = await openDatabase({ dataDir: dir });
	await runMigrations(conn);
	await conn.close();
	// The tarball from the closed directory (reopening needs no initdb).
	const { PGlite } = await import('@electric-sql/pglite');
	const client = await PGlite.create({ dataDir: path.join(dir, 'pglite') });
	const tarball = path.join(root, 'migrated.tar');
	fs.writeFileSync(tarball, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
	await client.close();
	// Only the cluster is copied into apps' data directories: no lock file, no visa key.
	fs.rmSync(path.join(dir, '.lock'), { force: true });
	return { dir, tarball, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A fresh DATA_DIR whose `pglite/` is a copy of the template's migrated cluster. */
export function dataDirFromTemplate(template: { dir: string }): string {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-app-'));
	fs.cpSync(path.join(template.dir, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
	return dataDir;
}
