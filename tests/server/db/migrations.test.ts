import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, onPostgres } from '../../helpers/db';
import { runMigrations } from '$lib/server/db/migrate';
import { rowsOf } from '$lib/server/db';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

	it("0001 keeps a nomination's own category and lets the standard ones follow the partner default", async () => {
		// Migrate up to 0000 only, write rows the old way (a category slug per nomination), then the rest.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
		fs.mkdirSync(path.join(dir, 'meta'));
		fs.copyFileSync('drizzle/0000_init.sql', path.join(dir, '0000_init.sql'));
		const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
		fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
		const h = await createTestDatabase();
		try {
			// Test databases come migrated: start this one empty.
			for (const s of [sql`drop schema public cascade`, sql`create schema public`, sql`drop schema if exists drizzle cascade`]) await h.conn.db.execute(s);
			await runMigrations(h.conn, dir);
			const q = (s: ReturnType<typeof sql>) => h.conn.db.execute(s);
			await q(sql`insert into events (id, slug, name, city, time_zone, start_date, end_date) values ('00000000-0000-4000-8000-00000000000e', 'ev', '{"zh":"周","en":"Week"}', '{"zh":"大连","en":"Dalian"}', 'Asia/Shanghai', '2026-07-06', '2026-07-10')`);
			await q(sql`insert into categories (id, event_id, slug, name) values ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-00000000000e', 'overseas-talent', '{"zh":"海外人才","en":"Overseas talent"}'), ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-00000000000e', 'guest', '{"zh":"嘉宾","en":"Guest"}')`);
			await q(sql`insert into partners (id, slug, name, city, country, time_zone, fields) values ('00000000-0000-4000-8000-0000000000a1', 'p', '{"zh":"伙伴","en":"Partner"}', '{"zh":"波士顿","en":"Boston"}', 'US', 'America/New_York', '{ai}')`);
			await q(sql`insert into partner_editions (partner_id, event_id, delegate_quota) values ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000e', 5)`);
			for (const [n, category] of [['1', 'overseas-talent'], ['2', 'guest']])
				await q(sql`insert into partner_delegates (partner_id, event_id, name, email, category, token_hash, expires_at) values ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000e', ${'N' + n}, ${n + '@example.com'}, ${category}, ${'h' + n}, now())`);
			await runMigrations(h.conn);
			const rows = rowsOf<{ name: string; category_id: string | null }>(await q(sql`select name, category_id from partner_delegates order by name`));
			expect(rows).toEqual([
				{ name: 'N1', category_id: null },
				{ name: 'N2', category_id: '00000000-0000-4000-8000-0000000000c2' }
			]);
			expect(rowsOf<{ category_id: string | null }>(await q(sql`select category_id from partner_editions`))).toEqual([{ category_id: null }]);
		} finally {
			await h.drop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
