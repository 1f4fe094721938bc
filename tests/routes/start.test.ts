/** `npm start` as a newcomer sees it: ready at the URL and the demo logins, on the first start and every later one. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/app';

async function start(dataDir: string) {
	const port = await freePort();
	const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
	delete env.DATABASE_URL;
	delete env.ORIGIN;
	const proc = spawn(process.execPath, ['scripts/start.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout.on('data', (d) => (out += d));
	proc.stderr.on('data', (d) => (out += d));
	const deadline = Date.now() + 120_000;
	while (!/Listening on/.test(out)) {
		if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`start failed:\n${out}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	proc.kill('SIGTERM');
	await new Promise((r) => proc.once('exit', r));
	return { out, port };
}

describe('npm start', () => {
	it('prints where the app is and the demo logins on the first and on a warm start, and nothing of the build', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-start-'));
		for (const first of [true, false]) {
			const { out, port } = await start(dir);
			const lines = out.trim().split('\n');
			expect(out).toContain(`Ready at http://localhost:${port}`);
			expect(out).toContain('Demo logins (password: demo-password):');
			for (const email of ['admin@example.com', 'organizer@example.com', 'staff@example.com', 'partner@example.com', 'attendee@example.com']) expect(out).toContain(email);
			expect(out.includes('Demo week seeded:')).toBe(first);
			expect(out).not.toMatch(/PLUGIN_TIMINGS|Circular dependency|npm run preview/);
			expect(lines.length).toBeLessThan(15);
		}
	}, 240_000);
});
