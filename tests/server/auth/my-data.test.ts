/** Account erasure is one transaction: a failure part-way leaves the account exactly as it was. */
import { describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import * as auth from '$lib/server/auth';
import * as registrations from '$lib/server/registrations';
import { createSession } from '$lib/server/auth/sessions';
import { registrations as regTable } from '$lib/server/registrations/tables';
import { badges } from '$lib/server/badges/tables';
import { outbox } from '$lib/server/mail/tables';
import { sessions, users } from '$lib/server/auth/tables';
import { ANSWERS, eventWithCategory } from '../registrations/helpers';

useTestDatabase();

async function state(userId: string, email: string, regId: string, waitingId: string) {
	const [u] = await db.select({ name: users.name, erasedAt: users.erasedAt }).from(users).where(eq(users.id, userId));
	const [r] = await db.select({ status: regTable.status, answers: regTable.answers }).from(regTable).where(eq(regTable.id, regId));
	const [w] = await db.select({ status: regTable.status }).from(regTable).where(eq(regTable.id, waitingId));
	const liveBadges = await db.select({ v: badges.version }).from(badges).where(and(eq(badges.registrationId, regId), isNull(badges.revokedAt)));
	const ownSessions = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
	const mails = await db.select({ kind: outbox.kind }).from(outbox).where(eq(outbox.to, email));
	return { name: u.name, erased: u.erasedAt !== null, status: r.status, answers: r.answers, waiting: w.status, liveBadges: liveBadges.length, sessions: ownSessions.length, mails: mails.map((m) => m.kind).sort() };
}

describe('eraseMyAccount', () => {
	it('erases nothing when it fails part-way, and everything in one go when it succeeds', async () => {
		const { event } = await eventWithCategory({ capacity: 1, requiresApproval: false });
		const [a, b] = await Promise.all([makeUser(), makeUser()]);
		const ra = await registrations.register(a, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const rb = await registrations.register(b, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		await createSession(a.id);
		const before = await state(a.id, a.email, ra.id, rb.id);
		expect(before).toEqual({ name: a.name, erased: false, status: 'approved', answers: ANSWERS, waiting: 'waitlisted', liveBadges: 1, sessions: 1, mails: ['registration.approved'] });

		// A real failure late in the erasure (after the cancellation, the promotion and the badge
		// revocation have run): the database refuses to anonymise this account.
		const fn = `refuse_erase_${a.id.replaceAll('-', '')}`;
		await db.execute(sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.id = '${a.id}' and new.erased_at is not null then raise exception 'refused'; end if; return new; end $$`));
		await db.execute(sql.raw(`create trigger ${fn} before update on users for each row execute function ${fn}()`));
		await expect(auth.eraseMyAccount(a)).rejects.toThrow();
		expect(await state(a.id, a.email, ra.id, rb.id)).toEqual(before);

		await db.execute(sql.raw(`drop trigger ${fn} on users`));
		await auth.eraseMyAccount(a);
		expect(await state(a.id, a.email, ra.id, rb.id)).toEqual({ name: 'Erased', erased: true, status: 'cancelled', answers: {}, waiting: 'approved', liveBadges: 0, sessions: 0, mails: ['registration.approved', 'registration.cancelled'] });
	});
});
