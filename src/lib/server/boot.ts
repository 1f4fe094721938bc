/**
 * Start-up, run once per process before the server listens (SvelteKit's `init` hook): open the
 * database, apply migrations, seed the demo week into an empty database, start the mail worker,
 * and close everything on shutdown.
 */
import { openDatabase, connection, optionsFromEnv } from './db';
import { runMigrations } from './db/migrate';
import * as seed from './seed';
import * as mail from './mail';
import { log } from './log';
import { listenForBackupSignal } from './backup';
import { listenForInvalidations, stopListeningForInvalidations } from './invalidation';
import * as visa from './visa';
import * as matchmaking from './matchmaking';

let booted: Promise<void> | undefined;

export function boot(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return (booted ??= (async () => {
		const t0 = performance.now();
		const conn = await openDatabase(optionsFromEnv(env));
		await runMigrations(conn);
		let seeded: string | null = null;
		if (env.DEMO_DATA !== 'false' && (await seed.isEmpty())) {
			({ slug: seeded } = env.DEMO_DATA?.startsWith('bench') ? await (await import('./seed/bench')).seedBench(new Date(), env.DEMO_DATA === 'bench-scale' ? 10 : 1) : await seed.seedDemo());
		}
		// `npm start` (HW_START_BANNER) says where the app is and, while the demo accounts exist, how to
		// sign in, on every start; a plain `node build` does so only right after seeding.
		if (seeded || env.HW_START_BANNER === '1') printBanner(seeded, env, seeded ? true : await seed.demoAccountsExist());
		await listenForInvalidations();
		mail.startWorker();
		visa.start(env);
		matchmaking.start();
		listenForBackupSignal(conn);
		process.once('sveltekit:shutdown' as never, () => void shutdown());
		log.info({ msg: 'ready', database: conn.kind, ms: Math.round(performance.now() - t0) });
	})());
}

function printBanner(seeded: string | null, env: NodeJS.ProcessEnv, demo: boolean) {
	const base = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
	const lines = ['', `Ready at ${base}`];
	if (seeded) lines.push(`Demo week seeded: ${base}/events/${seeded}`);
	if (demo) lines.push(`Demo logins (password: ${seed.DEMO_PASSWORD}):`, ...seed.DEMO_LOGINS.map((d) => `  ${d.role.padEnd(10)} ${d.email}`));
	lines.push('');
	process.stdout.write(lines.join('\n') + '\n');
}

export async function shutdown() {
	await mail.stopWorker();
	visa.stopPurge();
	matchmaking.stopSweep();
	await stopListeningForInvalidations();
	await connection?.close();
	log.info({ msg: 'stopped' });
	// Everything is closed: should a library still hold a timer or socket, do not hang on it.
	setTimeout(() => process.exit(0), 2_000).unref();
}
