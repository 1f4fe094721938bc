import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, onPostgres } from '../../helpers/db';
import { runMigrations } from '$lib/server/db/migrate';
import { rowsOf } from '$lib/server/db';
import fs from 'node:fs';

describe(`migrations on an empty ${onPostgres ? 'PostgreSQL' : 'PGlite'} database`, () => {
	it('create every table, and running them again changes nothing', async () => {
		const h = await createTestDatabase();
		try {
			const tables = rowsOf<{ table_name: string }>(
				await h.conn.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)
			).map((r) => r.table_name);
			for (const t of ['users', 'sessions', 'password_resets', 'api_tokens', 'outbox', 'audit_log', 'events', 'program_sessions', 'releases', 'partners', 'categories', 'registrations']) {
				expect(tables).toContain(t);
			}
			const applied = rowsOf<{ n: number }>(await h.conn.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n;
			const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
			expect(applied).toBe(journal.entries.length);
			await runMigrations(h.conn);
			expect(rowsOf<{ n: number }>(await h.conn.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n).toBe(applied);
		} finally {
			await h.drop();
		}
	});
});
