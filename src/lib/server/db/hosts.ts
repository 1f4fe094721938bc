/**
 * Several PostgreSQL hosts in `DATABASE_URL` (libpq's form:
 * `postgres://u:p@db1:5432,db2:5432/week?target_session_attrs=read-write`): each new connection
 * goes to the first host that accepts it and, with `read-write`, is not a standby. After a
 * failover (the old primary gone, a standby promoted) new connections find the new primary by
 * themselves; no restart, no configuration change.
 *
 * postgres.js parses such URLs itself, but its own host switching is not safe to rely on
 * (issue 19, postgres.js 3.4.9: `target_session_attrs` is ignored when the first host is a standby,
 * porsager/postgres#815; a connection closed while switching hosts throws from a timer and kills
 * the process, #1154). So the app hands postgres.js one host and a `socket` function that picks
 * the host: a TCP connection to the current primary, found with one small probe client per host
 * (`select pg_is_in_recovery()`).
 */
import net from 'node:net';

export interface HostList {
	hosts: { host: string; port: number }[];
	readWrite: boolean;
	/** The URL with the first host only and without `target_session_attrs`, for postgres.js. */
	single: (i?: number) => string;
}

/** The hosts of a multi-host URL, or null for a URL naming one host. */
export function parseHosts(url: string): HostList | null {
	const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
	if (!m || !m[3].includes(',')) return null;
	const hosts = m[3].split(',').map((h) => {
		const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(h);
		if (v6) return { host: v6[1], port: Number(v6[2] ?? 5432) };
		const [host, port] = h.split(':');
		return { host, port: Number(port ?? 5432) };
	});
	const params = new URLSearchParams(m[5] ?? '');
	const tsa = params.get('target_session_attrs') ?? 'any';
	if (tsa !== 'any' && tsa !== 'read-write' && tsa !== 'primary') throw new Error(`target_session_attrs=${tsa} is not supported (use read-write)`);
	params.delete('target_session_attrs');
	const query = params.size ? `?${params}` : '';
	return {
		hosts,
		readWrite: tsa !== 'any',
		single: (i = 0) => `${m[1]}${m[2] ?? ''}${hosts[i].host.includes(':') ? `[${hosts[i].host}]` : hosts[i].host}:${hosts[i].port}${m[4] ?? ''}${query}`
	};
}

type Sql = import('postgres').Sql;

/**
 * postgres.js's `socket` option for a host list, and `close()` for the probe clients. The socket is
 * returned at once (postgres.js must not wait with a connection half set up: its write timer would
 * find no socket), to the host last found writable; a refused connection, or a new connection more
 * than a second after the last look, makes one probe pass over the hosts in the background. Until
 * a writable host is found, connections fail and the app answers "database unavailable" (503).
 */
export function hostPicker(list: HostList, postgres: (url: string, opts: object) => Sql, timeoutMs = 3000) {
	const probes = new Map<number, Sql>();
	let current = 0;
	let lookedAt = 0;
	let looking: Promise<void> | null = null;
	let closed = false;
	const probe = (i: number) => {
		let c = probes.get(i);
		if (!c) {
			c = postgres(list.single(i), { max: 1, idle_timeout: 5, connect_timeout: timeoutMs / 1000, onnotice: () => {}, connection: { application_name: 'haichuang-week-probe' } });
			probes.set(i, c);
		}
		return c;
	};
	async function fits(i: number): Promise<boolean> {
		try {
			const [row] = await probe(i)<{ r: boolean }[]>`select pg_is_in_recovery() as r`;
			return !list.readWrite || !row.r;
		} catch {
			return false;
		}
	}
	function look() {
		if (closed || looking) return;
		lookedAt = Date.now();
		looking = (async () => {
			const order = [current, ...list.hosts.map((_, i) => i).filter((i) => i !== current)];
			for (const i of order) {
				if (await fits(i)) {
					current = i;
					return;
				}
			}
		})().finally(() => (looking = null));
	}
	if (list.readWrite) look();
	return {
		socket(): net.Socket {
			if (Date.now() - lookedAt > 1000) look();
			const { host, port } = list.hosts[current];
			const socket = net.connect({ host, port });
			socket.once('error', () => look());
			return socket;
		},
		async close() {
			closed = true;
			await looking;
			await Promise.all([...probes.values()].map((c) => c.end({ timeout: 1 }).catch(() => {})));
			probes.clear();
		}
	};
}

/**
 * postgres.js 3.4.9 can throw from a timer when a connection closes with a small write pending
 * (`nextWrite`: "Cannot read properties of null (reading 'write')", porsager/postgres#1154, fix
 * pending in #1168); the connection is already gone and the pool reconnects, but an exception
 * thrown from a timer ends the process. Exactly that exception is logged and survived; any other
 * uncaught exception still ends the process as Node would (exit code 1).
 */
export function surviveNullSocketWrite(onSurvived: (e: Error) => void) {
	if ((process as { __hwNullSocketGuard?: boolean }).__hwNullSocketGuard) return;
	(process as { __hwNullSocketGuard?: boolean }).__hwNullSocketGuard = true;
	process.on('uncaughtException', (e) => {
		if (e instanceof TypeError && /reading 'write'/.test(e.message) && /postgres[/\\]src[/\\]connection\.js/.test(e.stack ?? '') && /nextWrite/.test(e.stack ?? '')) {
			onSurvived(e);
			return;
		}
		console.error(e);
		process.exit(1);
	});
}
