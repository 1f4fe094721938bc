/**
 * A real database per test file: in-memory PGlite loaded from the migrated template's tarball, or,
 * with DATABASE_URL, a PostgreSQL database cloned from the migrated template (both made once per run
 * by tests/global-setup.ts). Tests isolate by data (a fresh event,
 * fresh users), not by mocking.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import fs from 'node:fs';
import postgres from 'postgres';
import { openDatabase, useDatabase, type Connection } from '$lib/server/db';
import { runMigrations } from '$lib/server/db/migrate';
import { withDatabase } from './pg-url';

export const onPostgres = Boolean(process.env.DATABASE_URL);

/** Creates a database for this file (or test) and returns its connection string when on PostgreSQL. */
export async function createTestDatabase(): Promise<{ conn: Connection; url?: string; drop(): Promise<void> }> {
	const base = process.env.DATABASE_URL;
	if (!base) {
		const template = inject('pgliteTemplate');
		const conn = await openDatabase({ memory: true, loadDataDir: new Blob([fs.readFileSync(template.tarball)]) });
		// A no-op on the migrated template; it keeps the file's database current should it not be.
		await runMigrations(conn);
		return { conn, drop: () => conn.close() };
	}
	const name = `hw_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name} template ${inject('templateDb')}`);
	const url = withDatabase(base, name);
	const conn = await openDatabase({ databaseUrl: url, poolMax: 20 });
	return {
		conn,
		url,
		async drop() {
			await conn.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

/** Opens the file's database before its tests and drops it after. */
export function useTestDatabase() {
	let handle: Awaited<ReturnType<typeof createTestDatabase>>;
	beforeAll(async () => {
		handle = await createTestDatabase();
		useDatabase(handle.conn);
	});
	afterAll(async () => {
		await handle?.drop();
	});
	return {
		get conn() {
			return handle.conn;
		},
		get url() {
			return handle.url;
		}
	};
}
