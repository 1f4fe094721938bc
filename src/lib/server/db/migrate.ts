/**
 * Applies the committed drizzle-kit migrations. Runs at start-up before the server listens, and
 * from `npm run db:migrate`. On PostgreSQL an advisory lock on a dedicated connection makes several
 * instances starting at once take turns instead of racing on the same DDL.
 */
import path from 'node:path';
import type { Connection } from './index';
import { hostPicker, parseHosts } from './hosts';

const MIGRATION_LOCK = 7273012018;

export function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

export async function runMigrations(conn: Connection, folder = migrationsFolder()): Promise<void> {
	if (conn.kind === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(conn.db as never, { migrationsFolder: folder });
		return;
	}
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	const list = parseHosts(conn.url!);
	const picker = list ? hostPicker(list, postgres as never) : null;
	const client = postgres(list ? list.single() : conn.url!, { max: 1, onnotice: () => {}, ...(picker ? { socket: picker.socket } : {}) });
	try {
		await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migrate(drizzle(client), { migrationsFolder: folder });
	} finally {
		// Closing the connection also releases the session-level advisory lock.
		await client.end({ timeout: 5 });
		await picker?.close();
	}
}
