/**
 * Recognises "the database is not there" failures, which become 503 rather than 500. 25006 (a
 * read-only transaction): a connection that reached a standby, e.g. around a failover.
 */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '53300', '25006']);

export function isDatabaseDown(e: unknown): boolean {
	for (let cur = e as { code?: string; cause?: unknown; errno?: string } | undefined, depth = 0; cur && depth < 4; depth++) {
		if ((cur.code && CODES.has(cur.code)) || (cur.errno && CODES.has(cur.errno))) return true;
		cur = cur.cause as typeof cur;
	}
	return false;
}
