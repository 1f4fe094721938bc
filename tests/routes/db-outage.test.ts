/**
 * The database going away: clear 503s (JSON and page), /healthz reports it, and the app recovers by
 * itself when the database returns. PostgreSQL only (an embedded database cannot go away); the
 * outage is a real one: the app reaches PostgreSQL through a TCP proxy that the test stops and starts.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { startApp, freshDatabaseUrl, freePort } from '../helpers/app';
import { onPostgres } from '../helpers/db';

function proxy(listenPort: number, target: { host: string; port: number }) {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(target.port, target.host);
		sockets.add(client).add(upstream);
		client.pipe(upstream).pipe(client);
		const close = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
	});
	return {
		start: () => new Promise<void>((r) => server.listen(listenPort, '127.0.0.1', () => r())),
		stop: () =>
			new Promise<void>((r) => {
				for (const s of sockets) s.destroy();
				sockets.clear();
				server.close(() => r());
			})
	};
}

async function until(fn: () => Promise<boolean>, ms = 20_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await fn().catch(() => false)) return true;
		await new Promise((r) => setTimeout(r, 200));
	}
	return false;
}

describe('database outage', () => {
	it.skipIf(!onPostgres)('answers 503 while PostgreSQL is away and recovers without a restart', async () => {
		const real = new URL((await freshDatabaseUrl())!);
		const port = await freePort();
		const p = proxy(port, { host: real.hostname, port: Number(real.port || 5432) });
		await p.start();
		const viaProxy = new URL(real);
		viaProxy.host = `127.0.0.1:${port}`;
		const app = await startApp({ databaseUrl: viaProxy.toString() });
		try {
			expect((await fetch(`${app.url}/api/v1/events`)).status).toBe(200);
			await p.stop();

			const health = await fetch(`${app.url}/healthz`);
			expect(health.status).toBe(503);
			expect((await health.json()).status).toBe('unavailable');
			const api = await fetch(`${app.url}/api/v1/events`, { headers: { 'accept-language': 'en' } });
			expect(api.status).toBe(503);
			expect((await api.json()).error).toMatchObject({ code: 'database_unavailable', message: 'The database is unavailable. Please try again shortly.' });
			// Pages: a clear page, no stack trace; once the outage is known, a 503 straight away.
			await fetch(`${app.url}/`);
			const page = await fetch(`${app.url}/`, { headers: { 'accept-language': 'en' } });
			expect(page.status).toBe(503);
			const html = await page.text();
			expect(html).toContain('Temporarily unavailable');
			expect(html).toMatch(/Request id: [0-9a-f-]{36}/);
			expect(html).not.toMatch(/at .*\.js:\d+/);

			await p.start();
			expect(await until(async () => (await fetch(`${app.url}/healthz`)).status === 200)).toBe(true);
			expect(await until(async () => (await fetch(`${app.url}/`)).status === 200)).toBe(true);
			const back = await fetch(`${app.url}/api/v1/events`);
			expect(back.status).toBe(200);
			expect((await back.json()).events[0].slug).toBe('haichuang-2018');
			expect(app.proc.exitCode).toBeNull();
		} finally {
			await app.stop();
			await p.stop().catch(() => {});
		}
	}, 120_000);
});
