/**
 * Structured logs: one JSON line per record on stdout. Never pass secrets, passwords or tokens.
 */
type Fields = Record<string, unknown>;

const silent = process.env.LOG_LEVEL === 'silent';
const debugOn = process.env.LOG_LEVEL === 'debug';

function write(level: string, fields: Fields) {
	if (silent) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, ...fields });
	if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
	else process.stdout.write(line + '\n');
}

export const log = {
	info: (f: Fields) => write('info', f),
	warn: (f: Fields) => write('warn', f),
	error: (f: Fields) => write('error', f),
	debug: (f: Fields) => debugOn && write('debug', f)
};
