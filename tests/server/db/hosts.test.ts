/** Multi-host DATABASE_URL parsing (libpq's form), for the app's own host selection (hosts.ts). */
import { describe, expect, it } from 'vitest';
import { parseHosts } from '$lib/server/db/hosts';

describe('parseHosts', () => {
	it('is null for one host', () => {
		expect(parseHosts('postgres://u:p@db1:5432/week')).toBe(null);
		expect(parseHosts('postgres://u:p@db1/week?sslmode=require')).toBe(null);
	});

	it('lists the hosts, keeps credentials, database and other parameters, and takes target_session_attrs out', () => {
		const l = parseHosts('postgres://u:p%40ss@db1:5433,db2,[::1]:5434/week?sslmode=require&target_session_attrs=read-write')!;
		expect(l.hosts).toEqual([
			{ host: 'db1', port: 5433 },
			{ host: 'db2', port: 5432 },
			{ host: '::1', port: 5434 }
		]);
		expect(l.readWrite).toBe(true);
		expect([l.single(), l.single(1), l.single(2)]).toEqual([
			'postgres://u:p%40ss@db1:5433/week?sslmode=require',
			'postgres://u:p%40ss@db2:5432/week?sslmode=require',
			'postgres://u:p%40ss@[::1]:5434/week?sslmode=require'
		]);
		expect(parseHosts('postgresql://db1:1,db2:2/w')!.readWrite).toBe(false);
		expect(parseHosts('postgresql://db1:1,db2:2/w?target_session_attrs=primary')!.readWrite).toBe(true);
	});

	it('refuses attributes it does not implement', () => {
		expect(() => parseHosts('postgres://db1,db2/w?target_session_attrs=prefer-standby')).toThrow('target_session_attrs=prefer-standby is not supported (use read-write)');
	});
});
