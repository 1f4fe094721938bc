/**
 * Remembers that the database went away, so requests get a clear 503 at once instead of each
 * waiting for a connection timeout, and notices by itself when it is back (no restart needed).
 */
import { ping } from '../db';
import { log } from '../log';

let downSince: number | null = null;
let probe: Promise<boolean> | null = null;

export function markDatabaseDown() {
	if (downSince === null) {
		downSince = Date.now();
		log.warn({ msg: 'database unavailable' });
	}
}

/** True when the database answers; while it is marked down, one shared probe checks again. */
export async function databaseUp(): Promise<boolean> {
	if (downSince === null) return true;
	probe ??= ping(1000)
		.then((r) => {
			if (r.ok) {
				log.info({ msg: 'database available again', downForMs: Date.now() - (downSince ?? Date.now()) });
				downSince = null;
			}
			return r.ok;
		})
		.finally(() => (probe = null));
	return probe;
}
