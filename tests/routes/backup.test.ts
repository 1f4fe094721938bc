/** `npm run backup` while the app runs, `npm run restore` into a new data directory, and compare. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { startApp, Browser } from '../helpers/app';
import { onPostgres } from '../helpers/db';

const run = promisify(execFile);
const npm = (args: string[], env: Record<string, string>) => run('npm', ['run', '--silent', ...args], { env: { ...process.env, DATABASE_URL: '', ...env } });

async function counts(dir: string) {
	const db = await PGlite.create({ dataDir: path.join(dir, 'pglite') });
	const q = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
	const out = { users: await q('select count(*)::int as n from users'), registrations: await q('select count(*)::int as n from registrations'), sessions: await q('select count(*)::int as n from program_sessions') };
	await db.close();
	return out;
}

describe('backup and restore of the embedded database', () => {
	it.skipIf(onPostgres)('snapshots a running app and restores it elsewhere, identical', async () => {
		const app = await startApp({ databaseUrl: null });
		const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bk-')), 'week.tar.gz');
		try {
			const b = new Browser(app.url);
			expect((await b.post('/signup', { name: 'Backed Up', email: 'backed.up@example.com', password: 'a long password 9' })).status).toBe(303);
			const r = await npm(['backup', '--', '--out', out], { DATA_DIR: app.dataDir });
			expect(r.stdout).toMatch(/backup written: .*week\.tar\.gz \(\d+ KiB\)/);
			// The app kept running and serving while it was backed up.
			expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		} finally {
			await app.stop();
		}
		const original = await counts(app.dataDir);

		const target = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-restore-'));
		const restored = await npm(['restore', '--', '--from', out], { DATA_DIR: target });
		expect(restored.stdout).toContain(`(${original.users} users)`);
		expect(await counts(target)).toEqual(original);

		const again = await startApp({ dataDir: target, databaseUrl: null, env: { DEMO_DATA: 'false' } });
		try {
			const res = await new Browser(again.url).logIn('backed.up@example.com', 'a long password 9');
			expect(res.headers.get('location')).toBe('/me');
		} finally {
			await again.stop();
		}
		// Restoring over a running app is refused.
		const busy = await startApp({ dataDir: target, databaseUrl: null, env: { DEMO_DATA: 'false' } });
		try {
			const err = await npm(['restore', '--', '--from', out], { DATA_DIR: target }).catch((e) => e);
			expect(err.code).toBe(1);
			expect(err.stderr).toContain('is in use by another process');
		} finally {
			await busy.stop();
		}
	}, 180_000);
});
