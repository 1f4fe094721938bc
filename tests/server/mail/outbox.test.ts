import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { hasSmtpServer, smtpServer, type Smtp } from '../../helpers/smtp';
import { db } from '$lib/server/db';
import { outbox } from '$lib/server/mail/tables';
import * as mail from '$lib/server/mail';

useTestDatabase();
let smtp: Smtp | undefined;
afterEach(() => {
	delete process.env.SMTP_URL;
});
afterAll(async () => {
	await smtp?.stop();
});

const row = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0];

describe('the mail outbox', () => {
	it('without SMTP_URL keeps every mail, held, for admins to read', async () => {
		const id = await mail.enqueue({ to: 'held@example.com', kind: 'test', locale: 'en', subject: 'Held', text: 'kept' });
		expect(await row(id)).toMatchObject({ status: 'held', to: 'held@example.com', text: 'kept', attempts: 0 });
		expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
		expect((await row(id)).status).toBe('held');
	});

	it.skipIf(!hasSmtpServer)('keeps mail queued while the SMTP server is down and delivers it when it returns', async () => {
		smtp = await smtpServer({ start: false });
		process.env.SMTP_URL = smtp.url;
		process.env.MAIL_WORKER = 'off';
		const id = await mail.enqueue({ to: 'delegate@example.com', kind: 'test', locale: 'zh-CN', subject: '报名已通过', text: '您好，欢迎参加海创周。' });
		const t0 = new Date(Date.now() + 1000);
		// Server down: the attempt fails, the mail stays queued with a backoff.
		expect(await mail.deliverDue(t0)).toEqual({ sent: 0, failed: 1 });
		const failed = await row(id);
		expect(failed.status).toBe('queued');
		expect(failed.attempts).toBe(1);
		expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + mail.backoffMs(1));
		// Not due yet: nothing is tried.
		expect(await mail.deliverDue(new Date(t0.getTime() + 1000))).toEqual({ sent: 0, failed: 0 });
		// Still down at the next attempt: the backoff doubles.
		const t1 = new Date(t0.getTime() + mail.backoffMs(1));
		expect(await mail.deliverDue(t1)).toEqual({ sent: 0, failed: 1 });
		expect((await row(id)).nextAttemptAt.getTime()).toBe(t1.getTime() + mail.backoffMs(2));
		expect(mail.backoffMs(2)).toBe(2 * mail.backoffMs(1));
		// The server comes back: the mail goes out exactly once.
		await smtp.start();
		const t2 = new Date(t1.getTime() + mail.backoffMs(2));
		expect(await mail.deliverDue(t2)).toEqual({ sent: 1, failed: 0 });
		expect(await mail.deliverDue(new Date(t2.getTime() + 3600_000))).toEqual({ sent: 0, failed: 0 });
		const sent = await row(id);
		expect(sent.status).toBe('sent');
		expect(sent.attempts).toBe(3);
		const received = smtp.messages().filter((m) => m.to === 'delegate@example.com');
		expect(received).toHaveLength(1);
		expect(received[0].subject).toBe('报名已通过');
		expect(received[0].body).toContain('您好，欢迎参加海创周。');
		expect(received[0].raw.toLowerCase()).toContain(`x-outbox-id: ${id}`);
	});

	it.skipIf(!hasSmtpServer)('sends after a stop and restart of the server, nothing dropped', async () => {
		process.env.SMTP_URL = smtp!.url;
		await smtp!.stop();
		const ids = await Promise.all([1, 2, 3].map((i) => mail.enqueue({ to: `batch${i}@example.com`, kind: 'test', locale: 'en', subject: `Batch ${i}`, text: 'x' })));
		const now = new Date();
		expect((await mail.deliverDue(now)).sent).toBe(0);
		await smtp!.start();
		const later = new Date(now.getTime() + 3600_000);
		expect(await mail.deliverDue(later)).toEqual({ sent: 3, failed: 0 });
		for (const id of ids) expect((await row(id)).status).toBe('sent');
		expect(smtp!.messages().filter((m) => m.to.startsWith('batch')).map((m) => m.subject).sort()).toEqual(['Batch 1', 'Batch 2', 'Batch 3']);
	});
});
