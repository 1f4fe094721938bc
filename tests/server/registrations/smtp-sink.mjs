// A minimal SMTP server run as its own process for mail tests: accepts every message and prints
// it as one JSON line on stdout. Enough of RFC 5321 for nodemailer (no TLS, no auth).
import net from 'node:net';

const server = net.createServer((socket) => {
	let data = false;
	let buf = '';
	let msg = { from: '', to: [], body: '' };
	socket.write('220 sink ESMTP\r\n');
	socket.on('data', (chunk) => {
		buf += chunk.toString('utf8');
		for (;;) {
			if (data) {
				const end = buf.indexOf('\r\n.\r\n');
				if (end < 0) return;
				msg.body = buf.slice(0, end);
				buf = buf.slice(end + 5);
				data = false;
				process.stdout.write(JSON.stringify(msg) + '\n');
				msg = { from: '', to: [], body: '' };
				socket.write('250 OK queued\r\n');
				continue;
			}
			const nl = buf.indexOf('\r\n');
			if (nl < 0) return;
			const line = buf.slice(0, nl);
			buf = buf.slice(nl + 2);
			const cmd = line.slice(0, 4).toUpperCase();
			if (cmd === 'EHLO' || cmd === 'HELO') {
				socket.write('250-sink\r\n250 8BITMIME\r\n');
			} else if (cmd === 'MAIL') {
				msg.from = line;
				socket.write('250 OK\r\n');
			} else if (cmd === 'RCPT') {
				msg.to.push(line);
				socket.write('250 OK\r\n');
			} else if (cmd === 'DATA') {
				data = true;
				socket.write('354 go on\r\n');
			} else if (cmd === 'QUIT') {
				socket.end('221 bye\r\n');
			} else {
				socket.write('250 OK\r\n');
			}
		}
	});
	socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
