/** Registration mail goes out through a real SMTP server process, and stays in the outbox while SMTP is down. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { outbox } from '$lib/server/mail/tables';
import * as mail from '$lib/server/mail';
import * as registrations from '$lib/server/registrations';
import { ANSWERS, eventWithCategory } from './helpers';

useTestDatabase();

let sink: ChildProcess;
const received: { to: string[]; body: string }[] = [];
let port = 0;

beforeAll(async () => {
	sink = spawn(process.execPath, [path.join(import.meta.dirname, 'smtp-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
	let pending = '';
	port = await new Promise<number>((resolve) => {
		sink.stdout!.on('data', (d) => {
			pending += d;
			let nl;
			while ((nl = pending.indexOf('\n')) >= 0) {
				const line = JSON.parse(pending.slice(0, nl));
				pending = pending.slice(nl + 1);
				if (line.port) resolve(line.port);
				else received.push(line);
			}
		});
	});
	process.env.MAIL_WORKER = 'off';
	process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});
afterAll(() => {
	delete process.env.SMTP_URL;
	sink?.kill();
});

describe('registration mail over SMTP', () => {
	it('delivers the status mail in the person’s language', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const u = await makeUser('attendee', { locale: 'en' });
		await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await mail.deliverDue(new Date(Date.now() + 1000))).toEqual({ sent: 1, failed: 0 });
		// The sink prints the message just after it answered 250: give its stdout a moment.
		const find = () => received.find((r) => r.to.some((t) => t.includes(u.email)));
		for (let i = 0; i < 50 && !find(); i++) await new Promise((r) => setTimeout(r, 20));
		const got = find();
		expect(got?.body).toMatch(/your registration is approved/);
		const [row] = await db.select().from(outbox).where(eq(outbox.to, u.email));
		expect(row.status).toBe('sent');
	});

	it('keeps mail queued when the SMTP server is down, with the error noted', async () => {
		sink.kill();
		await new Promise((r) => sink.once('exit', r));
		const { event } = await eventWithCategory();
		const u = await makeUser('attendee', { locale: 'zh-CN' });
		await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await mail.deliverDue(new Date(Date.now() + 1000))).toEqual({ sent: 0, failed: 1 });
		const [row] = await db.select().from(outbox).where(eq(outbox.to, u.email));
		expect(row).toMatchObject({ status: 'queued', attempts: 1, kind: 'registration.pending' });
		expect(row.lastError).toBeTruthy();
		expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
	});
});
