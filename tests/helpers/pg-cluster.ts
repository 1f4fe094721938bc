/**
 * Throw-away PostgreSQL clusters from the distribution's binaries (Debian: /usr/lib/postgresql/<v>/bin):
 * a primary and streaming standbys on 127.0.0.1 ports in temporary directories, for the failover
 * test. As root (CI) every command runs as the `postgres` user (initdb refuses root) and the
 * directories belong to it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The newest installed server's bin directory, or null when PostgreSQL's binaries are absent. */
export function pgBinDir(): string | null {
	const base = '/usr/lib/postgresql';
	if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
	if (!fs.existsSync(base)) return null;
	const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : null;
}

const isRoot = process.getuid?.() === 0;

function run(bin: string, cmd: string, args: string[]) {
	const file = path.join(bin, cmd);
	const [exe, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
	return execFileSync(exe, argv, { stdio: 'pipe', encoding: 'utf8', cwd: os.tmpdir() });
}

function ownedTempDir(prefix: string) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (isRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		fs.chownSync(dir, uid, gid);
	}
	return dir;
}

export interface Cluster {
	name: string;
	dir: string;
	port: number;
	start(): void;
	/** The machine dies: SIGKILL to the postmaster and every backend at once. */
	kill(): void;
	/** `pg_ctl promote`: a standby becomes a writable primary (waits until it is). */
	promote(): void;
	stop(): void;
	log(): string;
}

function cluster(bin: string, name: string, root: string, port: number): Cluster {
	const dir = path.join(root, name);
	const logFile = path.join(root, `${name}.log`);
	return {
		name,
		dir,
		port,
		start: () => void run(bin, 'pg_ctl', ['-D', dir, '-l', logFile, '-w', '-t', '60', 'start']),
		kill() {
			const pidFile = path.join(dir, 'postmaster.pid');
			if (!fs.existsSync(pidFile)) return;
			const pm = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
			const children = fs
				.readdirSync('/proc')
				.filter((p) => /^\d+$/.test(p))
				.filter((p) => {
					try {
						return Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pm;
					} catch {
						return false;
					}
				})
				.map(Number);
			for (const pid of [pm, ...children]) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					/* already gone */
				}
			}
		},
		promote: () => void run(bin, 'pg_ctl', ['-D', dir, '-w', '-t', '60', 'promote']),
		stop() {
			try {
				run(bin, 'pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
			} catch {
				/* not running */
			}
		},
		log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '')
	};
}

/**
 * A primary with `synchronous_standby_names` naming the standby (commits wait until the standby has
 * flushed them: `synchronous_commit = on`), and that standby, streaming, made with
 * `pg_basebackup -R`. Trust authentication on 127.0.0.1 only; superuser `hw`.
 */
export function primaryAndStandby(bin: string, ports: [number, number], opts: { synchronous: boolean }) {
	const root = ownedTempDir('hw-pgha-');
	const primary = cluster(bin, 'primary', root, ports[0]);
	const standby = cluster(bin, 'standby', root, ports[1]);
	run(bin, 'initdb', ['-D', primary.dir, '-U', 'hw', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
	const conf = (c: Cluster, lines: string[]) => {
		const file = path.join(c.dir, 'postgresql.auto.conf');
		fs.appendFileSync(file, lines.join('\n') + '\n');
	};
	conf(primary, [
		`port = ${ports[0]}`,
		`listen_addresses = '127.0.0.1'`,
		`unix_socket_directories = '${root}'`,
		`wal_level = replica`,
		`max_wal_senders = 5`,
		`max_connections = 60`,
		`shared_buffers = 16MB`,
		`synchronous_standby_names = '${opts.synchronous ? 'standby1' : ''}'`
	]);
	primary.start();
	run(bin, 'pg_basebackup', ['-d', `host=127.0.0.1 port=${ports[0]} user=hw application_name=standby1`, '-D', standby.dir, '-R', '-X', 'stream', '--no-sync']);
	conf(standby, [`port = ${ports[1]}`]);
	standby.start();
	return {
		root,
		primary,
		standby,
		/** psql -c on a cluster, as `hw`. */
		sql: (c: Cluster, query: string, db = 'postgres') => run(bin, 'psql', ['-h', '127.0.0.1', '-p', String(c.port), '-U', 'hw', '-d', db, '-qtAX', '-c', query]).trim(),
		cleanup() {
			primary.stop();
			standby.stop();
			fs.rmSync(root, { recursive: true, force: true });
		}
	};
}
