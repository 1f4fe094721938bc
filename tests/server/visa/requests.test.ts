import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { useTestDatabase, onPostgres } from '../../helpers/db';
import { db } from '$lib/server/db';
import { auditLog } from '$lib/server/audit/tables';
import { outbox } from '$lib/server/mail/tables';
import { visaLetters, visaRequests, visaCounters } from '$lib/server/visa/tables';
import * as numbering from '$lib/server/visa/numbering';
import * as visa from '$lib/server/visa';
import * as auth from '$lib/server/auth';
import { input, makePartner, makeUser, registered, visaEdition } from './helpers';

useTestDatabase();
const DB = onPostgres ? 'PostgreSQL' : 'PGlite';

describe('requests and the organizers’ queue', () => {
	it('needs an approved registration and refuses a second request', async () => {
		const { event, category } = await visaEdition();
		const pending = await registered(event.id, category.id, { status: 'pending' });
		await expect(visa.create(pending.user, event.id, input())).rejects.toMatchObject({ code: 'visa_registration_not_approved' });
		const stranger = await makeUser();
		await expect(visa.create(stranger, event.id, input())).rejects.toMatchObject({ code: 'visa_registration_not_approved' });
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		expect(r).toMatchObject({ status: 'submitted', passportName: 'AVERY ATTENDEE', passportNumber: '******567', dateOfBirth: '1988-**-**', masked: true, letter: null });
		await expect(visa.create(user, event.id, input())).rejects.toMatchObject({ code: 'visa_already_requested', status: 409 });
		await expect(visa.create(user, event.id, input({ entryDate: '2026-08-01', exitDate: '2026-08-02' }))).rejects.toMatchObject({ code: 'invalid_input', fields: { entryDate: ['v_visa_entry_after_event'] } });
	});

	it('walks submitted → correction → submitted → approved → correction → approved with a new letter, mailing each step', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		await expect(visa.decide(user, r.id, 'approve')).rejects.toMatchObject({ code: 'forbidden' });
		await expect(visa.decide(organizer, r.id, 'correct')).rejects.toMatchObject({ code: 'invalid_input', fields: { note: ['v_visa_reason'] } });
		expect((await visa.decide(organizer, r.id, 'correct', 'The passport number has a typo.')).status).toBe('correction');
		expect((await visa.update(user, r.id, input({ passportNumber: 'AB7654321' }))).status).toBe('submitted');
		const approved = await visa.decide(organizer, r.id, 'approve');
		expect(approved).toMatchObject({ status: 'approved', note: null, letter: { number: 'HCZ2026-0001', revokedAt: null } });
		await expect(visa.decide(organizer, r.id, 'approve')).rejects.toMatchObject({ code: 'visa_bad_transition' });
		await expect(visa.update(user, r.id, input())).rejects.toMatchObject({ code: 'visa_not_editable' });
		const first = approved.letter!.verifyId;
		await visa.decide(organizer, r.id, 'correct', 'Your employer changed.');
		expect((await visa.verify(first)).verdict).toBe('superseded');
		await visa.update(user, r.id, input({ employer: 'Maple Robotics Ltd.' }));
		const again = await visa.decide(organizer, r.id, 'approve');
		expect(again.letter!.number).toBe('HCZ2026-0002');
		expect((await visa.verify(again.letter!.verifyId)).verdict).toBe('genuine');
		const mails = await db.select({ kind: outbox.kind, to: outbox.to }).from(outbox).where(eq(outbox.to, user.email)).orderBy(outbox.createdAt);
		expect(mails.map((m) => m.kind)).toEqual(['visa.submitted', 'visa.correction', 'visa.submitted', 'visa.approved', 'visa.correction', 'visa.submitted', 'visa.approved']);
		const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, r.id)).orderBy(auditLog.createdAt);
		expect(audit.map((a) => a.action)).toEqual(['visa.correct', 'visa.approve', 'visa.correct', 'visa.approve']);
	});

	it('rejects with a reason; revocation ends a letter for good', async () => {
		const { event, category, organizer } = await visaEdition();
		const a = await registered(event.id, category.id);
		const b = await registered(event.id, category.id);
		const ra = await visa.create(a.user, event.id, input());
		expect(await visa.decide(organizer, ra.id, 'reject', 'Not an overseas participant.')).toMatchObject({ status: 'rejected', note: 'Not an overseas participant.' });
		const rb = await visa.create(b.user, event.id, input());
		const { letter } = await visa.decide(organizer, rb.id, 'approve');
		await visa.decide(organizer, rb.id, 'revoke');
		const v = await visa.verify(letter!.verifyId);
		expect(v).toMatchObject({ verdict: 'revoked', current: false, letter: { number: 'HCZ2026-0001', name: 'AV*** AT******' } });
		await expect(visa.pdf(b.user, rb.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(visa.decide(organizer, rb.id, 'approve')).rejects.toMatchObject({ code: 'visa_bad_transition' });
	});
});

describe('access', () => {
	it('a representative requests for its own delegates only and sees only theirs; nobody but organizers sees passport data', async () => {
		const { event, category, organizer } = await visaEdition();
		const p1 = await makePartner();
		const p2 = await makePartner();
		const rep1 = await makeUser('partner', { partnerId: p1.id });
		const rep2 = await makeUser('partner', { partnerId: p2.id });
		const d1 = await registered(event.id, category.id, { partnerId: p1.id });
		const d2 = await registered(event.id, category.id, { partnerId: p2.id });
		const other = await registered(event.id, category.id);
		await expect(visa.create(rep1, event.id, input({ registrationId: d2.reg.id }))).rejects.toMatchObject({ code: 'not_found' });
		await expect(visa.create(rep1, event.id, input({ registrationId: other.reg.id }))).rejects.toMatchObject({ code: 'not_found' });
		const r1 = await visa.create(rep1, event.id, input({ registrationId: d1.reg.id }));
		const r2 = await visa.create(rep2, event.id, input({ registrationId: d2.reg.id }));
		const r3 = await visa.create(other.user, event.id, input());
		expect((await visa.list(rep1, event.id)).map((r) => r.id)).toEqual([r1.id]);
		expect((await visa.list(rep2, event.id)).map((r) => r.id)).toEqual([r2.id]);
		expect((await visa.list(d1.user, event.id)).map((r) => r.id)).toEqual([r1.id]);
		expect((await visa.delegates(rep1, event.id)).map((d) => d.registrationId)).toEqual([d1.reg.id]);
		for (const [who, id] of [[rep1, r2.id], [rep2, r1.id], [other.user, r1.id], [d1.user, r3.id]] as const) await expect(visa.get(who, id)).rejects.toMatchObject({ code: 'not_found' });
		await visa.decide(organizer, r1.id, 'approve');
		for (const who of [rep1, d1.user]) {
			expect(await visa.get(who, r1.id)).toMatchObject({ passportNumber: '******567', dateOfBirth: '1988-**-**', masked: true });
			await expect(visa.pdf(who, r1.id)).resolves.toMatchObject({ number: 'HCZ2026-0001' });
		}
		await expect(visa.pdf(rep2, r1.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await visa.get(organizer, r1.id)).toMatchObject({ passportNumber: 'AB1234567', dateOfBirth: '1988-04-12', masked: false });
		expect((await visa.list(organizer, event.id)).length).toBe(3);
		await expect(visa.approvedCsv(rep1, event.id)).rejects.toMatchObject({ code: 'forbidden' });
		const csv = await visa.approvedCsv(organizer, event.id);
		expect(csv.startsWith('\ufeff')).toBe(true);
		expect(csv.slice(1).trim().split(/\r?\n/)).toEqual([
			'letter_number,passport_name,sex,date_of_birth,nationality,passport_number,passport_expiry,employer,position,entry_date,exit_date,entries,consulate,email',
			`HCZ2026-0001,AVERY ATTENDEE,F,1988-04-12,CA,AB1234567,2030-01-31,Maple Robotics Inc.,Chief Engineer,2026-07-05,2026-07-11,single,Vancouver,${d1.user.email}`
		]);
		const [exp] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'visa.export'), eq(auditLog.eventId, event.id)));
		expect(exp).toMatchObject({ actorId: organizer.id, data: { rows: 1 } });
	});
});

describe('encryption at rest', () => {
	it('the database never holds passport numbers or dates of birth in clear', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input({ passportNumber: 'ZX9081726', dateOfBirth: '1979-11-23' }));
		await visa.decide(organizer, r.id, 'approve');
		await visa.approvedCsv(organizer, event.id);
		// Every row of every table, as text.
		const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`)) as unknown as { table_name: string }[] | { rows: { table_name: string }[] };
		const names = (Array.isArray(tables) ? tables : tables.rows).map((t) => t.table_name);
		let dump = '';
		for (const n of names) {
			const res = (await db.execute(sql.raw(`select t::text as row from "${n}" t`))) as unknown as { row: string }[] | { rows: { row: string }[] };
			dump += (Array.isArray(res) ? res : res.rows).map((x) => x.row).join('\n');
		}
		expect(dump).toContain('AVERY ATTENDEE');
		expect(dump).not.toContain('ZX9081726');
		expect(dump).not.toContain('1979-11-23');
		const [row] = await db.select().from(visaRequests).where(eq(visaRequests.id, r.id));
		expect(row.passportNumberEnc).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
		// A ciphertext moved to another row does not open there (the row id is authenticated).
		const other = await registered(event.id, category.id);
		const r2 = await visa.create(other.user, event.id, input());
		await db.update(visaRequests).set({ passportNumberEnc: row.passportNumberEnc }).where(eq(visaRequests.id, r2.id));
		await expect(visa.get(organizer, r2.id)).rejects.toMatchObject({ code: 'visa_data_unreadable' });
	});
});

describe('verification', () => {
	it('fails when any signed field is changed, or the QR carries another signature', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		const { letter } = await visa.decide(organizer, r.id, 'approve');
		const id = letter!.verifyId;
		const [orig] = await db.select().from(visaLetters).where(eq(visaLetters.verifyId, id));
		expect(await visa.verify(id, orig.signature)).toMatchObject({ verdict: 'genuine', current: true, letter: { number: 'HCZ2026-0001', name: 'AV*** AT******', nationality: 'CA', entryDate: '2026-07-05', exitDate: '2026-07-11' } });
		const changes: Partial<typeof visaLetters.$inferInsert>[] = [
			{ number: 'HCZ2026-0099' },
			{ passportName: 'EVE FORGER' },
			{ nationality: 'US' },
			{ entryDate: '2026-07-01' },
			{ exitDate: '2026-07-30' },
			{ entries: 'double' },
			{ issuedAt: new Date(orig.issuedAt.getTime() + 1000) },
			{ kid: 'AAAA' },
			{ eventId: (await visaEdition()).event.id }
		];
		for (const change of changes) {
			await db.update(visaLetters).set(change).where(eq(visaLetters.id, orig.id));
			expect([Object.keys(change)[0], (await visa.verify(id)).verdict]).toEqual([Object.keys(change)[0], 'invalid']);
			await db.update(visaLetters).set({ number: orig.number, passportName: orig.passportName, nationality: orig.nationality, entryDate: orig.entryDate, exitDate: orig.exitDate, entries: orig.entries, issuedAt: orig.issuedAt, kid: orig.kid, eventId: orig.eventId }).where(eq(visaLetters.id, orig.id));
			expect((await visa.verify(id)).verdict).toBe('genuine');
		}
		expect((await visa.verify(id, orig.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).verdict).toBe('invalid');
		expect((await visa.verify('AAAAAAAAAA')).verdict).toBe('unknown');
		expect((await visa.verify('not-an-id')).verdict).toBe('unknown');
	});
});

describe('numbering', () => {
	it(`is unique and gapless under 20 concurrent approvals (${DB})`, async () => {
		const { event, category, organizer } = await visaEdition();
		const ids: string[] = [];
		for (let i = 0; i < 20; i++) {
			const { user } = await registered(event.id, category.id);
			ids.push((await visa.create(user, event.id, input())).id);
		}
		// A transaction that takes a number and then fails gives it back.
		await expect(
			db.transaction(async (tx) => {
				await numbering.take(tx, event.id);
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const results = await Promise.allSettled(ids.map((id) => visa.decide(organizer, id, 'approve')));
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		const rows = await db.select({ seq: visaLetters.seq, number: visaLetters.number }).from(visaLetters).where(eq(visaLetters.eventId, event.id)).orderBy(visaLetters.seq);
		expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(new Set(rows.map((r) => r.number)).size).toBe(20);
		const [counter] = await db.select().from(visaCounters).where(eq(visaCounters.eventId, event.id));
		expect(counter.last).toBe(20);
		// Another edition counts on its own.
		const other = await visaEdition();
		const { user } = await registered(other.event.id, other.category.id);
		const r = await visa.create(user, other.event.id, input());
		expect((await visa.decide(other.organizer, r.id, 'approve')).letter!.number).toBe('HCZ2026-0001');
	});
});

describe('purge', () => {
	it('erases passport data after the edition ends, keeps the letter verifiable, audits it', async () => {
		const { event, category, organizer } = await visaEdition({ startDate: '2026-07-06', endDate: '2026-07-10' });
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		const { letter } = await visa.decide(organizer, r.id, 'approve');
		// 30 days after the end (the default): not yet; 31: due.
		expect((await visa.purgeDue(new Date('2026-08-09T12:00:00Z'))).find((p) => p.eventId === event.id)).toBeUndefined();
		expect((await visa.purgeDue(new Date('2026-08-10T12:00:00Z'))).find((p) => p.eventId === event.id)).toEqual({ eventId: event.id, purged: 1 });
		const [row] = await db.select().from(visaRequests).where(eq(visaRequests.id, r.id));
		expect(row).toMatchObject({ passportNumberEnc: null, dateOfBirthEnc: null, passportExpiry: null, passportName: 'AVERY ATTENDEE' });
		expect(row.purgedAt).toBeInstanceOf(Date);
		expect(await visa.get(organizer, r.id)).toMatchObject({ passportNumber: null, dateOfBirth: null, purged: true });
		expect((await visa.verify(letter!.verifyId)).verdict).toBe('genuine');
		await expect(visa.pdf(organizer, r.id)).rejects.toMatchObject({ code: 'visa_data_purged', status: 410 });
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'visa.purge'), eq(auditLog.eventId, event.id)));
		expect(audits.map((a) => a.data)).toEqual([{ requests: 1 }]);
		// Run again: nothing more to do, no second entry.
		expect((await visa.purgeDue(new Date('2026-08-11T12:00:00Z'))).find((p) => p.eventId === event.id)).toBeUndefined();
	});
});

describe('the person’s own data', () => {
	it('exports their requests masked, and erasing the account erases the passport data and revokes their letters', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		const waiting = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		const { letter } = await visa.decide(organizer, r.id, 'approve');
		const w = await visa.create(waiting.user, event.id, input({ passportNumber: 'ZX9876543' }));

		const exported = await auth.exportMyData(user);
		expect(exported.visaRequests).toHaveLength(1);
		expect(exported.visaRequests[0]).toMatchObject({ id: r.id, status: 'approved', passportName: 'AVERY ATTENDEE', passportNumber: '******567', dateOfBirth: '1988-**-**', letter: { number: 'HCZ2026-0001' } });
		expect(JSON.stringify(exported)).not.toContain('AB1234567');

		await auth.eraseMyAccount(user);
		await auth.eraseMyAccount(waiting.user);
		const rows = await db.select().from(visaRequests).where(eq(visaRequests.eventId, event.id));
		const byId = new Map(rows.map((x) => [x.id, x]));
		expect(byId.get(r.id)).toMatchObject({ status: 'approved', passportNumberEnc: null, dateOfBirthEnc: null, passportExpiry: null, employer: '', position: '', consulate: '' });
		expect(byId.get(w.id)).toMatchObject({ status: 'withdrawn', passportNumberEnc: null, dateOfBirthEnc: null, employer: '' });
		expect(await visa.verify(letter!.verifyId)).toMatchObject({ verdict: 'revoked', current: false });
		const [l] = await db.select().from(visaLetters).where(eq(visaLetters.requestId, r.id));
		expect(l.revokeReason).toBe('erased');
	});
});
