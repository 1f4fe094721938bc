/**
 * Recognising database errors, whichever driver raised them (PGlite or postgres.js) and however
 * deep Drizzle wrapped them (`cause` chains of a few levels).
 */
type PgError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** The first error in the `cause` chain with a PostgreSQL SQLSTATE code, if any. */
function pgErrorOf(e: unknown, code: string): PgError | undefined {
	for (let cur = e as PgError | undefined, d = 0; cur && d < 4; d++) {
		if (cur.code === code) return cur;
		cur = cur.cause as PgError | undefined;
	}
	return undefined;
}

/**
 * A unique-key violation (`23505`), optionally of one constraint (index) by name. PGlite names the
 * constraint `constraint`, postgres.js `constraint_name`.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
	const err = pgErrorOf(e, '23505');
	if (!err) return false;
	return constraint === undefined || (err.constraint ?? err.constraint_name) === constraint;
}
