/**
 * Cache invalidation across instances. A process that changes something cached (a new release, an
 * edited event, a revoked device or API token) calls `broadcast(topic, key)`; every instance, itself included,
 * runs the handlers registered for the topic: through PostgreSQL `NOTIFY` when several instances
 * share one database, in-process on PGlite. Caches still re-check after a safety interval, so a
 * notification lost while a connection was re-established costs staleness, not correctness forever.
 */
import { connection } from './db';
import { log } from './log';

const CHANNEL = 'hw_invalidate';
export type Topic = 'release' | 'event' | 'device' | 'token' | 'stars' | 'badge';
const handlers = new Map<Topic, Set<(key: string) => void>>();
let listening: Promise<void> | undefined;
let unlisten: (() => Promise<void>) | undefined;

/** Registers a handler (idempotent per function). Call at module load of the cache's owner. */
export function onInvalidate(topic: Topic, fn: (key: string) => void) {
	let set = handlers.get(topic);
	if (!set) handlers.set(topic, (set = new Set()));
	set.add(fn);
}

function run(topic: Topic, key: string) {
	for (const fn of handlers.get(topic) ?? []) {
		try {
			fn(key);
		} catch (e) {
			log.error({ msg: 'invalidation handler failed', topic, err: String(e) });
		}
	}
}

/** Subscribes this process to other instances' invalidations (at boot, once). */
export function listenForInvalidations(): Promise<void> {
	return (listening ??= (async () => {
		if (!connection || connection.kind !== 'postgres') return;
		unlisten = await connection.listen(CHANNEL, (payload) => {
			const i = payload.indexOf(':');
			if (i > 0) run(payload.slice(0, i) as Topic, payload.slice(i + 1));
		});
	})());
}

/** At shutdown, before the connection closes: a LISTEN connection left behind would reconnect. */
export async function stopListeningForInvalidations() {
	const stop = unlisten;
	unlisten = undefined;
	listening = undefined;
	await stop?.().catch(() => {});
}

/** Drops `key` from the topic's caches here at once and on every other instance within moments. */
export async function broadcast(topic: Topic, key: string) {
	run(topic, key);
	if (connection?.kind === 'postgres') {
		await connection.notify(CHANNEL, `${topic}:${key}`).catch((e) => log.error({ msg: 'invalidation notify failed', topic, err: String(e) }));
	}
}

/** Tests: forget that this process listens (a new connection was opened). */
export function resetInvalidationListener() {
	listening = undefined;
}
