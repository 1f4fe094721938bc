/**
 * Database client selection. One code path for both deployments:
 * - `DATABASE_URL` set: PostgreSQL through postgres.js with a bounded pool (scale-out: many app
 *   instances over one database).
 * - unset: embedded PGlite persisted under `DATA_DIR/pglite`, guarded by an exclusive lock because
 *   two processes on one PGlite directory silently lose writes.
 *
 * `db` is a live binding: `openDatabase()` (start-up, CLI) or `useDatabase()` (tests) set it, and
 * every domain module reads it at call time.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { acquireDirLock, type DirLock } from './lock';
import { log } from '../log';
import { hostPicker, parseHosts, surviveNullSocketWrite } from './hosts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A function that may run inside a caller's transaction takes this. */
export type Executor = Db | Tx;

export interface Connection {
	kind: 'pglite' | 'postgres';
	db: Db;
	/** PostgreSQL only: the URL, for a dedicated migration connection. */
	url?: string;
	/** Runs `LISTEN` on PostgreSQL; in-process on PGlite. Returns an unsubscribe function. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	notify(channel: string, payload: string): Promise<void>;
	/** PGlite only: a consistent gzip tarball of the data directory, taken between statements. */
	snapshot?(): Promise<Blob>;
	close(): Promise<void>;
}

export let db: Db = new Proxy({} as Db, {
	get() {
		throw new Error('The database is not open yet: call openDatabase() first.');
	}
});
export let connection: Connection | undefined;

export function useDatabase(conn: Connection) {
	connection = conn;
	db = conn.db;
}

export interface OpenOptions {
	databaseUrl?: string;
	dataDir?: string;
	/** In-memory PGlite (tests). */
	memory?: boolean;
	/** In-memory PGlite started from a `dumpDataDir` tarball instead of an empty cluster (tests: skips initdb). */
	loadDataDir?: Blob;
	poolMax?: number;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
	return {
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: env.DATA_DIR || './data',
		poolMax: env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : undefined
	};
}

export async function openDatabase(opts: OpenOptions = optionsFromEnv()): Promise<Connection> {
	const conn = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolMax ?? 10) : await openPGlite(opts);
	useDatabase(conn);
	return conn;
}

async function openPostgres(url: string, max: number): Promise<Connection> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	// Several hosts (a primary and its standbys): each connection finds the writable one (hosts.ts).
	const list = parseHosts(url);
	surviveNullSocketWrite((e) => log.warn({ msg: 'postgres.js wrote to a closed connection (survived)', err: e.stack }));
	const picker = list ? hostPicker(list, postgres as never) : null;
	const client = postgres(list ? list.single() : url, {
		max,
		idle_timeout: 30,
		connect_timeout: 5,
		onnotice: () => {},
		connection: { application_name: 'haichuang-week' },
		// Reconnect within a second once PostgreSQL is back (or a standby promoted); postgres.js's own
		// backoff grows to 20 s after a few failed attempts, which kept instances down long after a failover.
		backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1),
		...(picker ? { socket: picker.socket } : {})
	});
	const database = drizzle(client, { schema }) as unknown as Db;
	return {
		kind: 'postgres',
		db: database,
		url,
		async listen(channel, onPayload) {
			const sub = await client.listen(channel, onPayload);
			return async () => sub.unlisten();
		},
		async notify(channel, payload) {
			await client.notify(channel, payload);
		},
		async close() {
			await client.end({ timeout: 5 });
			await picker?.close();
		}
	};
}

type PGliteClient = import('@electric-sql/pglite').PGlite;
type PGliteTx = import('@electric-sql/pglite').Transaction;

/**
 * drizzle hands PGlite the same result parsers with every query (dates, intervals and their arrays
 * stay text), and PGlite merges them into its own map of ~370 parsers each time: ~0.1 ms per query,
 * more than a simple indexed select costs once warm. They are installed on the client once instead,
 * and drizzle's queries reach PGlite without them (same parsing, since every query goes through
 * drizzle).
 */
function withInstalledParsers(client: PGliteClient, types: typeof import('@electric-sql/pglite').types) {
	const asText = (v: string) => v;
	// The types drizzle's PGlite session (drizzle-orm/pglite/session.js) keeps as text: timestamp,
	// timestamptz, interval, date, and numeric[], timestamp[], timestamptz[], interval[], date[].
	for (const oid of [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182]) client.parsers[oid] = asText;
	type Options = { parsers?: unknown } | undefined;
	const bare = (o: Options) => (o?.parsers ? { ...o, parsers: undefined } : o);
	const wrapTx = (tx: PGliteTx) => ({
		query: (q: string, params?: unknown[], o?: Options) => tx.query(q, params, bare(o) as never),
		exec: (q: string, o?: Options) => tx.exec(q, bare(o) as never),
		rollback: () => tx.rollback(),
		get closed() {
			return tx.closed;
		}
	});
	return {
		query: (q: string, params?: unknown[], o?: Options) => client.query(q, params, bare(o) as never),
		exec: (q: string, o?: Options) => client.exec(q, bare(o) as never),
		transaction: <T>(fn: (tx: ReturnType<typeof wrapTx>) => Promise<T>) => client.transaction((tx) => fn(wrapTx(tx)))
	};
}

async function openPGlite(opts: OpenOptions): Promise<Connection> {
	const { PGlite, types } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	let lock: DirLock | undefined;
	let dataDir: string | undefined;
	if (!opts.memory) {
		const path = await import('node:path');
		const root = path.resolve(opts.dataDir ?? './data');
		lock = acquireDirLock(root);
		dataDir = path.join(root, 'pglite');
	}
	let client: InstanceType<typeof PGlite>;
	try {
		// PostgreSQL's buffer pool lives inside the WASM heap, which never shrinks: 128 MB by default.
		// The operating system caches the data files anyway, so a smaller pool costs little and
		// keeps the whole process small (docs/PERFORMANCE.md, memory).
		const postgresqlconf = [`shared_buffers = ${process.env.PGLITE_SHARED_BUFFERS || '16MB'}`];
		client = await PGlite.create(dataDir ? { dataDir, postgresqlconf } : { postgresqlconf, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
	} catch (e) {
		lock?.release();
		throw e;
	}
	const database = drizzle({ client: withInstalledParsers(client, types) as never, schema }) as unknown as Db;
	const listeners = new Map<string, Set<(p: string) => void>>();
	return {
		kind: 'pglite',
		db: database,
		async listen(channel, onPayload) {
			let set = listeners.get(channel);
			if (!set) listeners.set(channel, (set = new Set()));
			set.add(onPayload);
			return async () => void set.delete(onPayload);
		},
		async notify(channel, payload) {
			for (const fn of listeners.get(channel) ?? []) {
				try {
					fn(payload);
				} catch (e) {
					log.error({ msg: 'listener failed', channel, err: String(e) });
				}
			}
		},
		async snapshot() {
			// Taken under PGlite's query lock: no statement runs while the files are read, so the
			// copy is crash-consistent and PostgreSQL's WAL replay makes it whole on restore.
			return client.dumpDataDir('gzip');
		},
		async close() {
			try {
				await client.close();
			} finally {
				lock?.release();
			}
		}
	};
}

/** Rows of a raw `db.execute()` result; PGlite returns `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** `GET /healthz`: does the database answer within the time limit? */
export async function ping(timeoutMs = 2000): Promise<{ ok: true } | { ok: false; reason: string }> {
	if (!connection) return { ok: false, reason: 'database not open' };
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			db.execute(sql`select 1`),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
			})
		]);
		return { ok: true };
	} catch (e) {
		return { ok: false, reason: e instanceof Error ? e.message : String(e) };
	} finally {
		clearTimeout(timer);
	}
}
