/**
 * Domain errors carry a machine code; routes translate the code into a localized message
 * (see `$lib/i18n/errors.ts`) and an HTTP status. Users never see a stack trace.
 */
export type ErrorCode =
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'invalid_input'
	| 'rate_limited'
	| 'invalid_credentials'
	| 'email_taken'
	| 'account_disabled'
	| 'invalid_token'
	| 'conflict'
	| 'database_unavailable'
	| (string & {});

const STATUS: Record<string, number> = {
	unauthenticated: 401,
	invalid_credentials: 401,
	invalid_token: 401,
	forbidden: 403,
	account_disabled: 403,
	not_found: 404,
	conflict: 409,
	email_taken: 409,
	invalid_input: 400,
	rate_limited: 429,
	database_unavailable: 503
};

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	/** Field-level problems for invalid_input, keyed by field path. */
	readonly fields?: Record<string, string[]>;
	/** Extra machine-readable facts for the client (e.g. retryAfter seconds). */
	readonly details?: Record<string, unknown>;

	constructor(
		code: ErrorCode,
		opts: { status?: number; fields?: Record<string, string[]>; details?: Record<string, unknown>; message?: string } = {}
	) {
		super(opts.message ?? code);
		this.name = 'DomainError';
		this.code = code;
		this.status = opts.status ?? STATUS[code] ?? 400;
		this.fields = opts.fields;
		this.details = opts.details;
	}
}

export const notFound = () => new DomainError('not_found');
export const forbidden = () => new DomainError('forbidden');

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}
