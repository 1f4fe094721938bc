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

let booted: Promise<void> | undefined;

export function boot(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return (booted ??= (async () => {
		const t0 = performance.now();
		const conn = await openDatabase(optionsFromEnv(env));
		await runMigrations(conn);
		if (env.DEMO_DATA !== 'false' && (await seed.isEmpty())) {
			const { slug } = env.DEMO_DATA === 'bench' ? await (await import('./seed/bench')).seedBench() : await seed.seedDemo();
			printDemoLogins(slug, env);
		}
		await listenForInvalidations();
		mail.startWorker();
		visa.start(env);
		listenForBackupSignal(conn);
		process.once('sveltekit:shutdown' as never, () => void shutdown());
		log.info({ msg: 'ready', database: conn.kind, ms: Math.round(performance.now() - t0) });
	})());
}

function printDemoLogins(slug: string, env: NodeJS.ProcessEnv) {
	const base = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
	const lines = [
		'',
		`Demo week seeded: ${base}/events/${slug}`,
		`Demo logins (password: ${seed.DEMO_PASSWORD}):`,
		...seed.DEMO_LOGINS.map((d) => `  ${d.role.padEnd(10)} ${d.email}`),
		''
	];
	process.stdout.write(lines.join('\n') + '\n');
}

export async function shutdown() {
	await mail.stopWorker();
	visa.stopPurge();
	await stopListeningForInvalidations();
	await connection?.close();
	log.info({ msg: 'stopped' });
	// Everything is closed: should a library still hold a timer or socket, do not hang on it.
	setTimeout(() => process.exit(0), 2_000).unref();
}
