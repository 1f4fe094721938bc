/**
 * A real SMTP server process (Debian's python3-aiosmtpd) that stores what it receives in a Maildir,
 * so mail tests talk SMTP to a real peer and read back exactly what was delivered.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './app';

export interface Smtp {
	port: number;
	url: string;
	messages(): { to: string; subject: string; body: string; raw: string }[];
	stop(): Promise<void>;
	start(): Promise<void>;
}

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Whether aiosmtpd is installed (Debian: python3-aiosmtpd). CI installs it, so mail tests always run
 * there; on a machine with only Node and npm they are reported as skipped rather than failing.
 */
export const hasSmtpServer = (() => {
	try {
		execFileSync(PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

function decodeSubject(raw: string): string {
	const line = raw.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? '';
	return line
		.replace(/\r?\n[ \t]/g, ' ')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
			enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
		)
		.replace(/\s+/g, ' ')
		.trim();
}

async function waitForPort(port: number, up: boolean, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const s = net.connect(port, '127.0.0.1', () => {
				s.destroy();
				resolve(true);
			});
			s.on('error', () => resolve(false));
		});
		if (open === up) return;
		if (Date.now() > deadline) throw new Error(`SMTP port ${port} did not ${up ? 'open' : 'close'}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export async function smtpServer(opts: { start?: boolean } = {}): Promise<Smtp> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-smtp-'));
	const maildir = path.join(dir, 'Maildir');
	let proc: ChildProcess | undefined;
	const smtp: Smtp = {
		port,
		url: `smtp://127.0.0.1:${port}`,
		async start() {
			proc = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
			await waitForPort(port, true);
		},
		async stop() {
			if (!proc) return;
			const p = proc;
			proc = undefined;
			const exited = new Promise((r) => p.once('exit', r));
			p.kill('SIGTERM');
			await exited;
			await waitForPort(port, false);
		},
		messages() {
			const out: ReturnType<Smtp['messages']> = [];
			for (const sub of ['new', 'cur']) {
				const d = path.join(maildir, sub);
				if (!fs.existsSync(d)) continue;
				for (const f of fs.readdirSync(d).sort()) {
					const raw = fs.readFileSync(path.join(d, f), 'utf8');
					const [head, ...rest] = raw.split(/\r?\n\r?\n/);
					let body = rest.join('\n\n');
					if (/Content-Transfer-Encoding: base64/i.test(head)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
					if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
						body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
					out.push({ to: head.match(/^To: (.*)$/m)?.[1]?.trim() ?? '', subject: decodeSubject(head), body, raw });
				}
			}
			return out;
		}
	};
	if (opts.start !== false) await smtp.start();
	return smtp;
}
