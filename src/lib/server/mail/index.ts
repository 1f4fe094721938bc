/**
 * Mail goes through the outbox table, always:
 * - `enqueue()` writes the mail in the caller's transaction, so a change and its notification
 *   commit together or not at all;
 * - `deliverDue()` sends what is due over SMTP (`SMTP_URL`), marks it sent, or puts it back with an
 *   exponential backoff when the server is away. Nothing is dropped.
 * - Without SMTP_URL mail is `held`: admins read it in the outbox page.
 *
 * Delivery claims rows with `FOR UPDATE SKIP LOCKED`, so several app instances never send one mail twice.
 */
import { desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { db, type Executor } from '../db';
import { outbox } from './tables';
import { log } from '../log';

export type Locale = 'zh-CN' | 'en';

export interface MailInput {
	to: string;
	kind: string;
	locale: Locale;
	subject: string;
	text: string;
	html?: string;
}

const MAX_BACKOFF_MS = 60 * 60_000;

export function smtpConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

/** The status a new outbox row starts in. */
export function newMailStatus(): 'queued' | 'held' {
	return smtpConfigured() ? 'queued' : 'held';
}

/** Wakes the sender after outbox rows were written (by `enqueue` or by a caller's own statement). */
export function enqueued() {
	if (smtpConfigured()) scheduleDelivery();
}

export async function enqueue(mail: MailInput, executor: Executor = db): Promise<string> {
	const [row] = await executor
		.insert(outbox)
		.values({ ...mail, status: newMailStatus() })
		.returning({ id: outbox.id });
	enqueued();
	return row.id;
}

let transporter: Transporter | undefined;
let transporterUrl: string | undefined;
function getTransporter(): Transporter {
	const url = process.env.SMTP_URL!;
	if (!transporter || transporterUrl !== url) {
		transporter = nodemailer.createTransport(url);
		transporterUrl = url;
	}
	return transporter;
}

export function backoffMs(attempts: number): number {
	return Math.min(MAX_BACKOFF_MS, 2 ** Math.max(0, attempts - 1) * 15_000);
}

function fromAddress(): string {
	return process.env.MAIL_FROM ?? 'Innovation Week <no-reply@example.com>';
}

const LEASE_MS = 5 * 60_000;

/**
 * Sends every due mail; returns how many were sent and how many failed this round.
 * A mail is claimed by pushing its `next_attempt_at` forward (a lease) in one statement, then sent
 * outside any transaction: a slow SMTP server never holds a database lock, and a process that dies
 * mid-send leaves the mail to be retried when the lease runs out (at-least-once delivery).
 */
export async function deliverDue(now = new Date(), batch = 20): Promise<{ sent: number; failed: number }> {
	if (!smtpConfigured()) return { sent: 0, failed: 0 };
	let sent = 0;
	let failed = 0;
	while (sent + failed < batch) {
		const lease = new Date(now.getTime() + LEASE_MS);
		const [mail] = await db
			.update(outbox)
			.set({ nextAttemptAt: lease, attempts: sql`${outbox.attempts} + 1` })
			.where(
				eq(
					outbox.id,
					sql`(select id from outbox where status = 'queued' and next_attempt_at <= ${now.toISOString()} order by created_at limit 1 for update skip locked)`
				)
			)
			.returning();
		if (!mail) break;
		try {
			await getTransporter().sendMail({
				from: fromAddress(),
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html ?? undefined,
				headers: { 'X-Outbox-Id': mail.id }
			});
			await db.update(outbox).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(outbox.id, mail.id));
			sent++;
		} catch (e) {
			const message = String((e as Error)?.message ?? e).slice(0, 500);
			await db
				.update(outbox)
				.set({ lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(mail.attempts)) })
				.where(eq(outbox.id, mail.id));
			log.warn({ msg: 'mail delivery failed, will retry', outboxId: mail.id, attempts: mail.attempts, err: message });
			failed++;
			// The server is likely away: stop this round instead of failing every queued mail.
			break;
		}
	}
	return { sent, failed };
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;
function scheduleDelivery(delayMs = 50) {
	if (timer || process.env.MAIL_WORKER === 'off') return;
	timer = setTimeout(() => {
		timer = undefined;
		running = deliverDue()
			.catch((e) => log.error({ msg: 'mail worker failed', err: String(e) }))
			.finally(() => (running = undefined));
	}, delayMs);
	timer.unref();
}

let interval: NodeJS.Timeout | undefined;
/** Background retry loop; started by the server, stopped on shutdown. */
export function startWorker(everyMs = 15_000) {
	if (interval || !smtpConfigured()) return;
	interval = setInterval(() => scheduleDelivery(0), everyMs);
	interval.unref();
	scheduleDelivery(0);
}

export async function stopWorker() {
	clearInterval(interval);
	clearTimeout(timer);
	interval = timer = undefined;
	await running;
}

export async function list(opts: { limit?: number; offset?: number } = {}) {
	return db
		.select()
		.from(outbox)
		.orderBy(desc(outbox.createdAt))
		.limit(opts.limit ?? 50)
		.offset(opts.offset ?? 0);
}

export async function counts() {
	return db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
}
