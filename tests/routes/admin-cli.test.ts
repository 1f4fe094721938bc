/** `npm run admin -- create-user` on a production install without demo data. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp, freshDatabaseUrl, Browser } from '../helpers/app';

const run = promisify(execFile);

function admin(args: string[], env: Record<string, string | undefined>) {
	return run('npm', ['run', '--silent', 'admin', '--', ...args], { env: { ...process.env, ...env }, cwd: process.cwd() });
}

describe('npm run admin -- create-user', () => {
	it('creates the first admin on an empty install, who can then log in', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-cli-'));
		const databaseUrl = await freshDatabaseUrl();
		const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DEMO_DATA: 'false' };
		const out = await admin(['create-user', '--email', 'Ops@Example.com', '--password', 'strong pass 123', '--role', 'admin', '--name', 'Ops Person'], env);
		expect(out.stdout.trim()).toBe('user ops@example.com (admin) ready');
		// Running it again updates the account (new password) instead of failing.
		await admin(['create-user', '--email', 'ops@example.com', '--password', 'another pass 456', '--role', 'admin'], env);

		const bad = await admin(['create-user', '--email', 'nobody', '--password', 'strong pass 123', '--role', 'admin'], env).catch((e) => e);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('--email must be a valid email address');
		const role = await admin(['create-user', '--email', 'p@example.com', '--password', 'strong pass 123', '--role', 'king'], env).catch((e) => e);
		expect(role.stderr).toContain('--role must be one of attendee, partner, staff, organizer, admin');
		const partner = await admin(['create-user', '--email', 'p@example.com', '--password', 'strong pass 123', '--role', 'partner'], env).catch((e) => e);
		expect(partner.stderr).toContain('--partner SLUG is required');

		const app = await startApp({ dataDir, databaseUrl: databaseUrl ?? null, env: { DEMO_DATA: 'false' } });
		try {
			const events = await (await fetch(`${app.url}/api/v1/events`)).json();
			expect(events.events).toEqual([]);
			const b = new Browser(app.url);
			expect((await b.post('/login', { email: 'ops@example.com', password: 'strong pass 123' })).status).toBe(401);
			const ok = await b.logIn('ops@example.com', 'another pass 456');
			expect(ok.headers.get('location')).toBe('/admin');
			expect((await b.fetch('/admin/users')).status).toBe(200);
		} finally {
			await app.stop();
		}
	}, 180_000);
});
