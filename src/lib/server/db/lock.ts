/**
 * Exclusive lock on an embedded data directory. PGlite is single-process: two processes writing
 * one directory lose writes without an error, so the second one must refuse to start.
 *
 * A lock file holds the owner's pid. It is created with O_EXCL; if it already exists and its pid
 * is alive, we stop with a clear message; if that pid is gone (a crash or SIGKILL), the lock is
 * stale and we take it over, so a killed server restarts at once.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DirLock {
	path: string;
	release(): void;
}

export class DataDirLockedError extends Error {
	constructor(dir: string, pid: number) {
		super(
			`The data directory ${dir} is in use by another process (pid ${pid}). ` +
				`The embedded database allows one process at a time: stop that process, ` +
				`or set DATA_DIR to another directory, or use PostgreSQL (DATABASE_URL) to run several instances.`
		);
		this.name = 'DataDirLockedError';
	}
}

function alive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function acquireDirLock(dir: string): DirLock {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, '.lock');
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = fs.openSync(file, 'wx');
			fs.writeSync(fd, String(process.pid));
			fs.closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return { path: file, release };
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(fs.readFileSync(file, 'utf8').trim());
			if (alive(pid) && pid !== process.pid) throw new DataDirLockedError(dir, pid);
			// Stale lock from a process that no longer runs: remove it and try again.
			fs.rmSync(file, { force: true });
		}
	}
	throw new Error(`Could not lock ${dir}`);
}
