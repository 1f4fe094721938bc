/**
 * Passport numbers and dates of birth are erased a number of days after the edition's last day
 * (the edition's setting, else VISA_PURGE_DAYS, else 30): the request and its letter stay, so a
 * letter can still be verified, but can no longer be printed. One audit entry per edition purged.
 * Runs at start-up and every few hours (an unref'd interval, so it never keeps a process alive).
 */
import { and, eq, inArray, isNull, or, isNotNull, sql } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { record } from '../audit';
import { events } from '../events/tables';
import { log } from '../log';
import { visaLetters, visaRequests, visaSettings } from './tables';

export const DEFAULT_PURGE_DAYS = 30;

export function purgeDays(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.VISA_PURGE_DAYS);
	return env.VISA_PURGE_DAYS && Number.isInteger(n) && n >= 0 ? n : DEFAULT_PURGE_DAYS;
}

/** Purges every edition that is due; returns how many requests lost their passport data, per event. */
export async function purgeDue(now = new Date()): Promise<{ eventId: string; purged: number }[]> {
	const today = now.toISOString().slice(0, 10);
	const fallback = purgeDays();
	const due = await db
		.select({ id: events.id })
		.from(events)
		.leftJoin(visaSettings, eq(visaSettings.eventId, events.id))
		.where(sql`${events.endDate} + coalesce(${visaSettings.purgeAfterDays}, ${fallback})::int < ${today}::date`);
	const out: { eventId: string; purged: number }[] = [];
	for (const ev of due) {
		const purged = await db.transaction(async (tx) => {
			const rows = await tx
				.update(visaRequests)
				.set({ passportNumberEnc: null, dateOfBirthEnc: null, passportExpiry: null, purgedAt: now })
				.where(and(eq(visaRequests.eventId, ev.id), isNull(visaRequests.purgedAt), or(isNotNull(visaRequests.passportNumberEnc), isNotNull(visaRequests.dateOfBirthEnc))))
				.returning({ id: visaRequests.id });
			if (rows.length) await record(null, 'visa.purge', { targetType: 'event', targetId: ev.id, eventId: ev.id, data: { requests: rows.length } }, tx);
			return rows.length;
		});
		if (purged) out.push({ eventId: ev.id, purged });
	}
	return out;
}

/**
 * The person's account is erased (auth/my-data.ts, inside its transaction): their requests lose the
 * passport data, employer, position and consulate, waiting ones are withdrawn, and issued letters are
 * revoked, so a consulate checking one reads "revoked". The letter rows stay as the host's record of
 * what it issued (number, name as in the passport, dates), as after the purge.
 */
export async function eraseForUser(tx: Tx, userId: string, now = new Date()): Promise<number> {
	await tx
		.update(visaRequests)
		.set({ status: 'withdrawn' })
		.where(and(eq(visaRequests.userId, userId), inArray(visaRequests.status, ['submitted', 'correction'])));
	const rows = await tx
		.update(visaRequests)
		.set({ passportNumberEnc: null, dateOfBirthEnc: null, passportExpiry: null, employer: '', position: '', consulate: '', purgedAt: now })
		.where(eq(visaRequests.userId, userId))
		.returning({ id: visaRequests.id });
	if (rows.length)
		await tx
			.update(visaLetters)
			.set({ revokedAt: now, revokeReason: 'erased' })
			.where(
				and(
					inArray(
						visaLetters.requestId,
						rows.map((r) => r.id)
					),
					isNull(visaLetters.revokedAt)
				)
			);
	return rows.length;
}

let timer: NodeJS.Timeout | undefined;
const EVERY_MS = 6 * 60 * 60_000;

export function startPurge() {
	const run = () =>
		purgeDue().then(
			(r) => r.length && log.info({ msg: 'visa data purged', events: r }),
			(e) => log.error({ msg: 'visa purge failed', err: e instanceof Error ? e.message : String(e) })
		);
	void run();
	timer ??= setInterval(run, EVERY_MS);
	timer.unref();
}

export function stopPurge() {
	if (timer) clearInterval(timer);
	timer = undefined;
}
