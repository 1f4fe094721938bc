import { describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import * as registrations from '$lib/server/registrations';
import * as auth from '$lib/server/auth';
import { registrations as regTable } from '$lib/server/registrations/tables';
import { badges } from '$lib/server/badges/tables';
import { outbox } from '$lib/server/mail/tables';
import { users } from '$lib/server/auth/tables';
import { DomainError } from '$lib/server/errors';
import { badgeCode } from '$lib/server/registrations/badge-image';
import { ANSWERS, eventWithCategory } from './helpers';

useTestDatabase();

async function statuses(categoryId: string) {
	const rows = await db.select({ status: regTable.status, n: sql<number>`count(*)::int` }).from(regTable).where(eq(regTable.categoryId, categoryId)).groupBy(regTable.status);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function code(p: Promise<unknown>) {
	try {
		await p;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
}

async function mailsTo(email: string) {
	return db.select({ kind: outbox.kind, locale: outbox.locale, subject: outbox.subject }).from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.createdAt));
}

describe('register', () => {
	it('puts people pending, records consent with the privacy version, and mails them in their language', async () => {
		const { event } = await eventWithCategory();
		const u = await makeUser('attendee', { locale: 'zh-CN' });
		const r = await registrations.register(u, event.slug, { category: 'talent', answers: { ...ANSWERS, junk: 'x' }, consent: true });
		expect(r.status).toBe('pending');
		const [row] = await db.select().from(regTable).where(eq(regTable.id, r.id));
		expect(row).toMatchObject({ consentVersion: '2018-1', answers: ANSWERS, country: 'CA', field: 'ai', userId: u.id });
		expect(row.consentAt).toBeInstanceOf(Date);
		const mails = await mailsTo(u.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({ kind: 'registration.pending', locale: 'zh-CN' });
		expect(mails[0].subject).toContain('报名已收到');
	});

	it('approves at once without review and issues a badge', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const u = await makeUser();
		const r = await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(r.status).toBe('approved');
		const got = registrations.toApi(await registrations.get(u, r.id));
		expect(got.badge?.code).toMatch(/^HW1:/);
	});

	it('refuses a second registration for the edition (409) and creates nothing twice on a double submit', async () => {
		const { event, category } = await eventWithCategory();
		const u = await makeUser();
		const input = { category: 'talent', answers: ANSWERS, consent: true };
		const results = await Promise.all([1, 2, 3].map(() => code(registrations.register(u, event.slug, input))));
		expect(results.sort()).toEqual(['already_registered', 'already_registered', 'ok']);
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(regTable).where(eq(regTable.categoryId, category.id));
		expect(n).toBe(1);
		expect(await mailsTo(u.email)).toHaveLength(1);
	});

	it('validates answers per field and refuses missing consent', async () => {
		const { event } = await eventWithCategory();
		const u = await makeUser();
		const err = await registrations.register(u, event.slug, { category: 'talent', answers: { field: 'chem' }, consent: false }).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('invalid_input');
		expect(err.fields).toEqual({ 'answers.field': ['v_choice'], 'answers.country': ['v_required'], consent: ['reg_v_consent'] });
		expect(await code(registrations.register(u, event.slug, { category: 'nope', answers: ANSWERS, consent: true }))).toBe('invalid_input');
	});

	it('respects the registration window', async () => {
		const soon = await eventWithCategory({ opensAt: new Date(Date.now() + 3600_000) });
		const past = await eventWithCategory({ closesAt: new Date(Date.now() - 1000) });
		const u = await makeUser();
		expect(await code(registrations.register(u, soon.event.slug, { category: 'talent', answers: ANSWERS, consent: true }))).toBe('registration_not_open');
		expect(await code(registrations.register(u, past.event.slug, { category: 'talent', answers: ANSWERS, consent: true }))).toBe('registration_closed');
	});

	it('leaves nothing half-written when a step fails inside the transaction', async () => {
		const { event, category } = await eventWithCategory({ requiresApproval: false });
		const u = await makeUser();
		// A real constraint makes the mail step (the last one) fail for this one address.
		await db.execute(sql.raw(`alter table outbox add constraint reg_test_fail check ("to" <> '${u.email}')`));
		try {
			await expect(registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true })).rejects.toThrow();
		} finally {
			await db.execute(sql.raw('alter table outbox drop constraint reg_test_fail'));
		}
		expect(await statuses(category.id)).toEqual({});
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(badges).where(eq(badges.eventId, event.id));
		expect(n).toBe(0);
	});

	it('never oversells: 200 parallel registrations against capacity 50', async () => {
		const { event, category } = await eventWithCategory({ capacity: 50 });
		const people = await Promise.all(Array.from({ length: 200 }, () => makeUser()));
		const results = await Promise.all(people.map((p) => registrations.register(p, event.slug, { category: 'talent', answers: ANSWERS, consent: true })));
		expect(results.filter((r) => r.status === 'pending')).toHaveLength(50);
		expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(150);
		expect(await statuses(category.id)).toEqual({ pending: 50, waitlisted: 150 });
		const [{ n, people: distinct }] = await db
			.select({ n: sql<number>`count(*)::int`, people: sql<number>`count(distinct ${regTable.userId})::int` })
			.from(regTable)
			.where(eq(regTable.categoryId, category.id));
		expect([n, distinct]).toEqual([200, 200]);
		// The people holding places arrived first: the lock serialises counting and inserting.
		const rows = await db.select({ status: regTable.status }).from(regTable).where(eq(regTable.categoryId, category.id)).orderBy(asc(regTable.seq));
		expect(rows.slice(0, 50).every((r) => r.status === 'pending')).toBe(true);
	}, 120_000);
});

describe('group commit (many registering at once)', () => {
	const input = { category: 'talent', answers: ANSWERS, consent: true };

	it('refuses one person in a batch without failing the others', async () => {
		const { event, category } = await eventWithCategory({ capacity: 3, requiresApproval: false });
		const people = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
		const [again] = people;
		await registrations.register(again, event.slug, input);
		const results = await Promise.all([
			code(registrations.register(again, event.slug, input)),
			code(registrations.register(people[1], event.slug, { ...input, answers: { field: 'chem' } })),
			...people.slice(2).map((p) => code(registrations.register(p, event.slug, input)))
		]);
		expect(results).toEqual(['already_registered', 'invalid_input', 'ok', 'ok', 'ok', 'ok']);
		expect(await statuses(category.id)).toEqual({ approved: 3, waitlisted: 2 });
		// Each accepted person has their mail, and a badge when approved.
		for (const p of people.slice(2)) expect(await mailsTo(p.email)).toHaveLength(1);
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(badges).where(eq(badges.eventId, event.id));
		expect(n).toBe(3);
	});

	it('sends everyone of a failed batch through again alone, so only the failing one fails', async () => {
		const { event, category } = await eventWithCategory({ capacity: 10, requiresApproval: false });
		const people = await Promise.all(Array.from({ length: 8 }, () => makeUser()));
		const doomed = people[3];
		await db.execute(sql.raw(`alter table outbox add constraint reg_test_batch_fail check ("to" <> '${doomed.email}')`));
		let results: string[];
		try {
			results = await Promise.all(people.map((p) => code(registrations.register(p, event.slug, input)).catch(() => 'failed')));
		} finally {
			await db.execute(sql.raw('alter table outbox drop constraint reg_test_batch_fail'));
		}
		expect(results).toEqual(people.map((p) => (p === doomed ? 'failed' : 'ok')));
		expect(await statuses(category.id)).toEqual({ approved: 7 });
		expect(await mailsTo(doomed.email)).toHaveLength(0);
	});

	it('writes the mail to the account as it is now, not as the caller last saw it', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const u = await makeUser('attendee', { locale: 'en' });
		await db.update(users).set({ email: `moved-${u.email}`, name: 'New Name' }).where(eq(users.id, u.id));
		await registrations.register(u, event.slug, input);
		expect(await mailsTo(u.email)).toHaveLength(0);
		const [mail] = await db.select().from(outbox).where(eq(outbox.to, `moved-${u.email}`));
		expect(mail.text).toContain('New Name');
	});
});

describe('review and waitlist', () => {
	it('approve issues a badge and mails; cancel revokes it and promotes the first waiting person', async () => {
		const { event, category } = await eventWithCategory({ capacity: 1, requiresApproval: false });
		const org = await makeUser('organizer');
		const [a, b, c] = await Promise.all([makeUser(), makeUser(), makeUser()]);
		const ra = await registrations.register(a, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const rb = await registrations.register(b, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const rc = await registrations.register(c, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect([ra.status, rb.status, rc.status]).toEqual(['approved', 'waitlisted', 'waitlisted']);
		const res = await registrations.cancel(a, ra.id);
		expect(res).toMatchObject({ status: 'cancelled', changed: true, promoted: [rb.id] });
		const badgeRows = await db.select().from(badges).where(eq(badges.registrationId, ra.id));
		expect(badgeRows[0]).toMatchObject({ revokeReason: 'cancelled' });
		expect(await statuses(category.id)).toEqual({ cancelled: 1, approved: 1, waitlisted: 1 });
		expect((await mailsTo(b.email)).map((m) => m.kind)).toEqual(['registration.waitlisted', 'registration.promoted']);
		expect(registrations.toApi(await registrations.get(b, rb.id)).badge?.code).toMatch(/^HW1:/);
		// Organizer rejects b: c moves up.
		expect((await registrations.reject(org, rb.id)).promoted).toEqual([rc.id]);
	});

	it('only organizers review; the owner may cancel; others see not_found', async () => {
		const { event } = await eventWithCategory();
		const [owner, other] = await Promise.all([makeUser(), makeUser()]);
		const org = await makeUser('organizer');
		const r = await registrations.register(owner, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(await code(registrations.approve(owner, r.id))).toBe('forbidden');
		expect(await code(registrations.approve(other, r.id))).toBe('not_found');
		expect(await code(registrations.get(other, r.id))).toBe('not_found');
		expect(await code(registrations.cancel(other, r.id))).toBe('not_found');
		expect((await registrations.approve(org, r.id)).status).toBe('approved');
		// Approving twice changes nothing; a cancelled registration cannot be approved.
		expect((await registrations.approve(org, r.id)).changed).toBe(false);
		await registrations.cancel(owner, r.id);
		expect(await code(registrations.approve(org, r.id))).toBe('invalid_transition');
	});

	it('reissues a badge for organizers, revoking the old code', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const [u, org] = await Promise.all([makeUser(), makeUser('organizer')]);
		const r = await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const before = registrations.toApi(await registrations.get(u, r.id)).badge!;
		expect(await code(registrations.reissueBadge(u, r.id))).toBe('forbidden');
		const next = await registrations.reissueBadge(org, r.id);
		expect(next.version).toBe(2);
		expect(next.code).not.toBe(before.code);
		const rows = await db.select().from(badges).where(eq(badges.registrationId, r.id));
		expect(rows.find((b) => b.version === 1)).toMatchObject({ revokeReason: 'reissued' });
		expect(registrations.toApi(await registrations.get(u, r.id)).badge?.code).toBe(next.code);
	});

	it('the badge image follows a reissue and a cancellation at once, though codes are kept in memory (issue 18)', async () => {
		const { event } = await eventWithCategory({ requiresApproval: false });
		const [u, other, org] = await Promise.all([makeUser(), makeUser(), makeUser('organizer')]);
		const r = await registrations.register(u, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const first = await badgeCode(u, r.id);
		expect(first).toMatch(/^HW1:/);
		// Kept now: still for the owner and organizers only.
		expect(await badgeCode(org, r.id)).toBe(first);
		expect(await code(badgeCode(other, r.id))).toBe('not_found');
		const next = await registrations.reissueBadge(org, r.id);
		expect(await badgeCode(u, r.id)).toBe(next.code);
		await registrations.cancel(u, r.id);
		expect(await code(badgeCode(u, r.id))).toBe('not_found');
		expect(await code(badgeCode(org, r.id))).toBe('not_found');
	});

	it('refuses to approve a waiting person into a full category', async () => {
		const { event } = await eventWithCategory({ capacity: 1 });
		const org = await makeUser('organizer');
		const [a, b] = await Promise.all([makeUser(), makeUser()]);
		await registrations.register(a, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const rb = await registrations.register(b, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		expect(rb.status).toBe('waitlisted');
		expect(await code(registrations.approve(org, rb.id))).toBe('capacity_full');
	});

	it('serves the waitlist first come, first served, also when several cancel at the same moment', async () => {
		const { event, category } = await eventWithCategory({ capacity: 5, requiresApproval: false });
		const people = await Promise.all(Array.from({ length: 15 }, () => makeUser()));
		const regs: { id: string; status: string }[] = [];
		for (const p of people) regs.push(await registrations.register(p, event.slug, { category: 'talent', answers: ANSWERS, consent: true }));
		expect(regs.map((r) => r.status)).toEqual([...Array(5).fill('approved'), ...Array(10).fill('waitlisted')]);
		// Three people holding places cancel simultaneously.
		await Promise.all([0, 2, 4].map((i) => registrations.cancel(people[i], regs[i].id)));
		const rows = await db.select({ id: regTable.id, status: regTable.status }).from(regTable).where(eq(regTable.categoryId, category.id)).orderBy(asc(regTable.seq));
		expect(rows.map((r) => r.status)).toEqual([
			'cancelled', 'approved', 'cancelled', 'approved', 'cancelled',
			'approved', 'approved', 'approved', ...Array(7).fill('waitlisted')
		]);
	});

	it('raising a capacity promotes at once, in arrival order', async () => {
		const { event, category } = await eventWithCategory({ capacity: 1 });
		const org = await makeUser('organizer');
		const people = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
		for (const p of people) await registrations.register(p, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const res = await registrations.updateCategory(org, event.slug, 'talent', { capacity: 3 });
		expect(res).toMatchObject({ promoted: 2, remaining: 0, capacity: 3 });
		const rows = await db.select({ status: regTable.status }).from(regTable).where(eq(regTable.categoryId, category.id)).orderBy(asc(regTable.seq));
		expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'waitlisted']);
		const cats = await registrations.listCategories(null, event.slug);
		expect(cats[0]).toMatchObject({ slug: 'talent', capacity: 3, remaining: 0, requiresApproval: true });
	});
});

describe('organizer list', () => {
	it('filters, searches, pages and counts per state', async () => {
		const { event } = await eventWithCategory({ capacity: 3 });
		const org = await makeUser('organizer');
		const people = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUser('attendee', { name: i === 2 ? 'Zed Findme' : `Person ${i}` })));
		for (const [i, p] of people.entries()) await registrations.register(p, event.slug, { category: 'talent', answers: { field: i % 2 ? 'bio' : 'ai', country: i < 3 ? 'JP' : 'DE' }, consent: true });
		const all = await registrations.list(org, event.slug, { pageSize: 4 });
		expect(all.total).toBe(6);
		expect(all.items).toHaveLength(4);
		expect(all.counts).toEqual({ pending: 3, approved: 0, waitlisted: 3, rejected: 0, cancelled: 0 });
		expect((await registrations.list(org, event.slug, { status: 'waitlisted' })).total).toBe(3);
		expect((await registrations.list(org, event.slug, { country: 'jp', field: 'ai' })).total).toBe(2);
		const found = await registrations.list(org, event.slug, { q: 'findme' });
		expect(found.items.map((i) => i.name)).toEqual(['Zed Findme']);
		expect((await registrations.list(org, event.slug, { page: 2, pageSize: 4 })).items).toHaveLength(2);
		expect(await code(registrations.list(people[0], event.slug))).toBe('forbidden');
		const bulk = await registrations.bulk(org, event.slug, all.items.map((i) => i.id), 'approve');
		expect(bulk.ok).toHaveLength(3);
		expect(bulk.failed.map((f) => f.code)).toEqual(['capacity_full']);
	});
});

describe('my data', () => {
	it('exports everything and erases the account, keeping anonymous rows and freeing the place', async () => {
		const { event, category } = await eventWithCategory({ capacity: 1, requiresApproval: false });
		const [a, b] = await Promise.all([makeUser('attendee', { nameZh: '张三', organization: 'Acme' }), makeUser()]);
		const ra = await registrations.register(a, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const rb = await registrations.register(b, event.slug, { category: 'talent', answers: ANSWERS, consent: true });
		const data = await auth.exportMyData(a);
		expect(data.account).toMatchObject({ email: a.email, nameZh: '张三' });
		expect(data.registrations[0]).toMatchObject({ id: ra.id, status: 'approved', answers: ANSWERS, consentVersion: '2018-1' });
		await auth.eraseMyAccount(a);
		const [u] = await db.select().from(users).where(eq(users.id, a.id));
		expect(u).toMatchObject({ name: 'Erased', nameZh: null, organization: null, passwordHash: null });
		expect(u.email).not.toContain(a.email.split('@')[0]);
		expect(u.erasedAt).toBeInstanceOf(Date);
		const [row] = await db.select().from(regTable).where(eq(regTable.id, ra.id));
		expect(row).toMatchObject({ status: 'cancelled', answers: {}, country: 'CA', categoryId: category.id });
		const live = await db.select().from(badges).where(and(inArray(badges.registrationId, [ra.id]), isNull(badges.revokedAt)));
		expect(live).toHaveLength(0);
		expect((await db.select({ status: regTable.status }).from(regTable).where(eq(regTable.id, rb.id)))[0].status).toBe('approved');
	});
});
