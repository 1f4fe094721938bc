/** Registration mail goes out through a real SMTP server process, and stays in the outbox while SMTP is down. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { hasSmtpServer, smtpServer, type Smtp } from '../../helpers/smtp';
import { db } from '$lib/server/db';
import { outbox } from '$lib/server/mail/tables';
import * as mail from '$lib/server/mail';
import * as registrations from '$lib/server/registrations';
import { ANSWERS, eventWithCategory } from './helpers';

useTestDatabase();

let smtp: Smtp | undefined;
beforeAll(async () => {
	if (!hasSmtpServer) return;
	smtp = await smtpServer();
	process.env.MAIL_WORKER = 'off';
	process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await smtp?.stop();
});

describe.skipIf(!hasSmtpServer)('registration mail over SMTP', () => {
	it('delivers the status mail in the person’s language', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const u = await makeUser('attendee', { locale: 'en' });
		await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await mail.deliverDue(new Date(Date.now() + 1000))).toEqual({ sent: 1, failed: 0 });
		const got = smtp!.messages().find((r) => r.to.includes(u.email));
		expect(got?.body).toMatch(/your registration as Overseas talent is approved/);
		expect(got?.subject).toBeTruthy();
		const [row] = await db.select().from(outbox).where(eq(outbox.to, u.email));
		expect(row.status).toBe('sent');
	});

	it('keeps mail queued when the SMTP server is down, with the error noted', async () => {
		await smtp!.stop();
		const { event } = await eventWithCategory();
		const u = await makeUser('attendee', { locale: 'zh-CN' });
		await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await mail.deliverDue(new Date(Date.now() + 1000))).toEqual({ sent: 0, failed: 1 });
		const [row] = await db.select().from(outbox).where(eq(outbox.to, u.email));
		expect(row).toMatchObject({ status: 'queued', attempts: 1, kind: 'registration.pending' });
		expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
	});
});
