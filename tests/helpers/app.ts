/**
 * Starts the real production server (adapter-node build) as a child process, on a free port, with
 * its own database: a fresh embedded data directory, or a fresh PostgreSQL database cloned from the
 * template. HTTP tests talk to it with fetch, exactly as browsers and scanners do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ensureBuild, root } from '../../scripts/ensure-build.js';
import { withDatabase } from './pg-url';
import { dataDirFromTemplate } from './pglite-template';

export interface App {
	url: string;
	dataDir: string;
	databaseUrl?: string;
	proc: ChildProcess;
	output(): string;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** A fresh PostgreSQL database from the migrated template, or undefined on PGlite. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
	const base = process.env.DATABASE_URL;
	if (!base) return undefined;
	const name = `hw_app_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	// Inside Vitest, clone the migrated template; elsewhere (browser journeys) the app migrates an empty one.
	const template = process.env.VITEST ? (await import('vitest')).inject('templateDb') : undefined;
	await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
	await admin.end();
	return withDatabase(base, name);
}

/** Drops a database made by `freshDatabaseUrl` (no-op for undefined). */
export async function dropDatabase(url: string | undefined) {
	const base = process.env.DATABASE_URL;
	if (!url || !base) return;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
	await admin.end();
}

async function pgliteTemplate(): Promise<{ dir: string } | undefined> {
	if (process.env.VITEST) return (await import('vitest')).inject('pgliteTemplate');
	return process.env.HW_PGLITE_TEMPLATE ? { dir: process.env.HW_PGLITE_TEMPLATE } : undefined;
}

/** Node's flags in `npm start` (package.json), e.g. the heap cap: tests that load the server run with them. */
export const START_FLAGS: string[] = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start.match(/--[\w-]+=\S+/g) ?? [];

export async function startApp(
	opts: { env?: Record<string, string>; dataDir?: string; databaseUrl?: string | null; nodeFlags?: string[]; healthyWithinMs?: number } = {}
): Promise<App> {
	// Under Vitest the global setup has built the app; elsewhere (journeys, scripts) build if needed.
	if (!process.env.VITEST) ensureBuild({ quiet: true });
	const port = await freePort();
	const databaseUrl = opts.databaseUrl === null ? undefined : (opts.databaseUrl ?? (await freshDatabaseUrl()));
	// A fresh embedded data directory starts from the run's migrated cluster when there is one (the
	// Vitest global setup's, or HW_PGLITE_TEMPLATE from the journeys' runner): no initdb per app.
	const template = opts.dataDir || databaseUrl ? undefined : await pgliteTemplate();
	const dataDir = opts.dataDir ?? (template ? dataDirFromTemplate(template) : fs.mkdtempSync(path.join(os.tmpdir(), 'hw-app-')));
	const url = `http://127.0.0.1:${port}`;
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATA_DIR: dataDir,
		BODY_SIZE_LIMIT: '16M',
		...(opts.env ?? {})
	};
	delete env.DATABASE_URL;
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	// On PostgreSQL the visa feature needs its data key from the environment, as in production.
	if (databaseUrl && !env.VISA_DATA_KEY) env.VISA_DATA_KEY = Buffer.alloc(32, 9).toString('base64');
	const proc = spawn(process.execPath, [...(opts.nodeFlags ?? []), path.join(root, 'build', 'index.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	// Keep the server's log for post-mortems: test-results/app-<port>.log (CI prints failures' logs).
	fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
	const logFile = fs.createWriteStream(path.join(root, 'test-results', `app-${port}.log`));
	proc.stdout!.on('data', (d) => ((out += d), logFile.write(d)));
	proc.stderr!.on('data', (d) => ((out += d), logFile.write(d)));
	proc.once('exit', () => logFile.end());
	const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
	const deadline = Date.now() + (opts.healthyWithinMs ?? 60_000);
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`app exited early (${proc.exitCode}):\n${out}`);
		try {
			const r = await fetch(`${url}/healthz`);
			if (r.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			proc.kill('SIGKILL');
			throw new Error(`app did not become healthy:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		dataDir,
		databaseUrl,
		proc,
		output: () => out,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			if (proc.exitCode === null) proc.kill(signal);
			return exited;
		}
	};
}

/** A cookie-keeping client for one person's browser session. */
export class Browser {
	cookies = new Map<string, string>();
	constructor(readonly base: string) {}

	async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(this.base + pathname, { redirect: 'manual', ...init, headers });
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const [name, ...rest] = pair.split('=');
			const value = rest.join('=');
			const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
			if (expired || value === '') this.cookies.delete(name.trim());
			else this.cookies.set(name.trim(), value);
		}
		return res;
	}

	/** Submits a form action like a browser would (same-origin form post). */
	post(pathname: string, fields: Record<string, string>) {
		return this.fetch(pathname, {
			method: 'POST',
			body: new URLSearchParams(fields),
			headers: { origin: this.base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
	}

	async logIn(email: string, password: string) {
		const res = await this.post('/login', { email, password });
		if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`);
		return res;
	}
}

export const DEMO_PASSWORD = 'demo-password';
