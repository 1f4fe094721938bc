import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestDatabase, onPostgres } from '../../helpers/db';
import { db } from '$lib/server/db';
import { isUniqueViolation } from '$lib/server/db/errors';

useTestDatabase();

async function failure(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected a failure');
}

describe(`isUniqueViolation on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
	it('recognises a duplicate key through Drizzle’s wrapping, by constraint name too', async () => {
		await db.execute(sql`insert into users (email, name) values ('dup@example.org', 'A')`);
		const e = await failure(db.execute(sql`insert into users (email, name) values ('dup@example.org', 'B')`));
		expect(isUniqueViolation(e)).toBe(true);
		expect(isUniqueViolation(e, 'users_email_key')).toBe(true);
		expect(isUniqueViolation(e, 'api_tokens_hash_key')).toBe(false);
	});

	it('is false for other errors and non-errors', async () => {
		const e = await failure(db.execute(sql`insert into users (email) values ('x@example.org')`));
		expect(isUniqueViolation(e)).toBe(false);
		expect(isUniqueViolation(undefined)).toBe(false);
		expect(isUniqueViolation({ cause: { cause: { code: '23505' } } })).toBe(true);
	});
});
