import { describe, expect, it } from 'vitest';
import { and, eq, ne, sql } from 'drizzle-orm';
import { useTestDatabase, onPostgres } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { outbox } from '$lib/server/mail/tables';
import { categories, registrations } from '$lib/server/registrations/tables';
import { delegates as delegateTable } from '$lib/server/partners/tables';
import * as partners from '$lib/server/partners';
import { makeSetup, nominee } from './helpers';

useTestDatabase();
const { delegates } = partners;
const DAY = 86400_000;

describe('delegate quota', () => {
	it(`holds under 50 concurrent nominations against a quota of 10 (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 10 });
		const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => delegates.nominate(rep, event.id, nominee(i))));
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
		expect(ok).toHaveLength(10);
		expect(refused).toHaveLength(40);
		expect(new Set(refused.map((r) => r.reason.code))).toEqual(new Set(['delegate_quota_full']));
		const [{ n }] = await db
			.select({ n: sql<number>`count(*)::int` })
			.from(delegateTable)
			.where(and(eq(delegateTable.partnerId, partner.id), eq(delegateTable.eventId, event.id), ne(delegateTable.status, 'withdrawn')));
		expect(n).toBe(10);
	});

	it('a withdrawn invitation frees its place; a resent one gets a new link', async () => {
		const { event, rep } = await makeSetup({ delegateQuota: 1 });
		const first = await delegates.nominate(rep, event.id, nominee(1));
		await expect(delegates.nominate(rep, event.id, nominee(2))).rejects.toMatchObject({ code: 'delegate_quota_full' });
		const { token } = await delegates.resend(rep, first.id);
		expect(token).not.toBe(first.token);
		expect(await delegates.invitation(first.token)).toBeNull();
		expect((await delegates.invitation(token))?.delegate.id).toBe(first.id);
		await delegates.withdraw(rep, first.id);
		expect(await delegates.invitation(token)).toBeNull();
		await expect(delegates.nominate(rep, event.id, nominee(3))).resolves.toMatchObject({ id: expect.any(String) });
	});

	it('expired invitations hold no place, also while 50 nominations race for a quota of 10', async () => {
		const { event, partner, rep, organizer } = await makeSetup({ delegateQuota: 10 });
		// Three invitations sent 15 days ago, expired yesterday.
		const past = new Date(Date.now() - 15 * DAY);
		for (const i of [100, 101, 102]) await delegates.nominate(rep, event.id, nominee(i), undefined, past);
		expect(await delegates.quota(rep, partner.id, event.id)).toEqual({ delegateQuota: 10, projectQuota: 3, delegatesHeld: 0 });
		const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => delegates.nominate(rep, event.id, nominee(i))));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
		expect(new Set((results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]).map((r) => r.reason.code))).toEqual(new Set(['delegate_quota_full']));
		const list = await delegates.list(rep, partner.id, event.id);
		expect(list.filter((d) => d.stage === 'invited')).toHaveLength(10);
		expect(list.filter((d) => d.stage === 'expired')).toHaveLength(3);
		expect((await partners.overview(organizer, event.id)).find((p) => p.id === partner.id)?.delegatesHeld).toBe(10);
	});

	it('an expired invitation frees its place; resending renews it only while a place is free', async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 1 });
		const sent = new Date('2026-03-01T08:00:00Z');
		const first = await delegates.nominate(rep, event.id, nominee(1), undefined, sent);
		const open = new Date('2026-03-10T08:00:00Z');
		const expired = new Date('2026-03-16T08:00:00Z');
		expect((await delegates.quota(rep, partner.id, event.id, open))?.delegatesHeld).toBe(1);
		await expect(delegates.nominate(rep, event.id, nominee(2), undefined, open)).rejects.toMatchObject({ code: 'delegate_quota_full' });
		expect((await delegates.quota(rep, partner.id, event.id, expired))?.delegatesHeld).toBe(0);
		expect((await delegates.list(rep, partner.id, event.id, expired)).map((d) => d.stage)).toEqual(['expired']);
		// Someone else takes the place; the expired invitation cannot be renewed now and stays as it was.
		const second = await delegates.nominate(rep, event.id, nominee(2), undefined, expired);
		await expect(delegates.resend(rep, first.id, expired)).rejects.toMatchObject({ code: 'delegate_quota_full', status: 409 });
		const [before] = await db.select().from(delegateTable).where(eq(delegateTable.id, first.id));
		expect(before.expiresAt.toISOString()).toBe('2026-03-15T08:00:00.000Z');
		// Once the place is free again, resending renews the invitation for 14 days with a new link.
		await delegates.withdraw(rep, second.id);
		const { token } = await delegates.resend(rep, first.id, expired);
		const [after] = await db.select().from(delegateTable).where(eq(delegateTable.id, first.id));
		expect(after.expiresAt.toISOString()).toBe('2026-03-30T08:00:00.000Z');
		expect(after.sentAt.toISOString()).toBe(expired.toISOString());
		expect((await delegates.invitation(token, expired))?.delegate.id).toBe(first.id);
		expect((await delegates.quota(rep, partner.id, event.id, expired))?.delegatesHeld).toBe(1);
		expect((await delegates.list(rep, partner.id, event.id, expired)).map((d) => [d.name, d.stage])).toEqual([
			['Nominee 1', 'invited'],
			['Nominee 2', 'withdrawn']
		]);
	});

	it('an acceptance read on a late clock cannot take a place that a nomination already gave away', async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 1 });
		const p = nominee(1);
		const first = await delegates.nominate(rep, event.id, p, undefined, new Date('2026-03-01T08:00:00Z'));
		// Another instance, its clock past the expiry, gives the place to someone else...
		await delegates.nominate(rep, event.id, nominee(2), undefined, new Date('2026-03-15T08:00:01Z'));
		// ...while this one still believes the invitation open.
		const person = await makeUser('attendee', { email: p.email });
		await expect(delegates.accept(person, first.token, new Date('2026-03-15T07:59:59Z'))).rejects.toMatchObject({ code: 'delegate_quota_full' });
		expect(await db.select().from(registrations).where(eq(registrations.userId, person.id))).toEqual([]);
		const [row] = await db.select().from(delegateTable).where(eq(delegateTable.id, first.id));
		expect(row.status).toBe('invited');
		expect((await delegates.quota(rep, partner.id, event.id, new Date('2026-03-15T08:00:01Z')))?.delegatesHeld).toBe(1);
	});

	it('refuses the same person twice and mails each nominee a personal link', async () => {
		const { event, rep } = await makeSetup();
		const p = nominee(7);
		const d = await delegates.nominate(rep, event.id, p);
		await expect(delegates.nominate(rep, event.id, { ...p, name: 'Other' })).rejects.toMatchObject({ code: 'already_nominated' });
		const mails = await db.select().from(outbox).where(eq(outbox.to, p.email));
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain(`/invitations/${d.token}`);
		const [row] = await db.select().from(delegateTable).where(eq(delegateTable.id, d.id));
		expect(row.tokenHash).not.toContain(d.token);
		expect(JSON.stringify(row)).not.toContain(d.token);
	});
});

describe('CSV import', () => {
	const header = 'name,email,institution,country,field,degree,bio';
	it('imports every good row and sends each an invitation', async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 5 });
		const csv = `\uFEFF${header}\nAda Example,ada@example.com,"Example University, Boston",us,ai,phd,"Works on ""robots"""\nBo Sample,bo@example.com,,CA,energy,master,\n`;
		expect(await delegates.importCsv(rep, event.id, csv)).toEqual({ imported: 2 });
		const list = await delegates.list(rep, partner.id, event.id);
		expect(list.map((d) => [d.name, d.email, d.institution, d.country, d.field, d.degree, d.bio, d.stage])).toEqual([
			['Ada Example', 'ada@example.com', 'Example University, Boston', 'US', 'ai', 'phd', 'Works on "robots"', 'invited'],
			['Bo Sample', 'bo@example.com', null, 'CA', 'energy', 'master', null, 'invited']
		]);
		// Round trip: the export reads back as the same people.
		const out = await delegates.exportCsv(rep, partner.id, event.id);
		const parsed = delegates.parseNominees(out.replace(/,status,invited_at,registered_at,checked_in_day/, '').replace(/,invited,[^,]*,,\r\n/g, '\r\n'), 'en');
		expect(parsed.problems).toEqual([]);
		expect(parsed.rows.map((r) => r.email)).toEqual(['ada@example.com', 'bo@example.com']);
	});

	it('reports bad rows with line and reason and imports nothing', async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 10 });
		const csv = `${header}\nGood One,good@example.com,,,,,\n,noname@example.com,,,,,\nBad Mail,not-an-email,,,,,\nBad Field,bf@example.com,,USA,cooking,,\nGood Two,good@example.com,,,,,\n`;
		await expect(delegates.importCsv(rep, event.id, csv)).rejects.toMatchObject({
			code: 'ptn_csv_invalid',
			details: {
				problems: [
					{ line: 3, reason: expect.stringContaining('name') },
					{ line: 4, reason: expect.stringContaining('email') },
					{ line: 5, reason: expect.stringMatching(/country.*field/) },
					{ line: 6, reason: 'Same email as line 2.' }
				]
			}
		});
		expect(await delegates.list(rep, partner.id, event.id)).toEqual([]);
	});

	it('imports nothing when the file exceeds the quota', async () => {
		const { event, partner, rep } = await makeSetup({ delegateQuota: 1 });
		const csv = `${header}\nA One,a1@example.com,,,,,\nA Two,a2@example.com,,,,,\n`;
		await expect(delegates.importCsv(rep, event.id, csv)).rejects.toMatchObject({ code: 'delegate_quota_full' });
		expect(await delegates.list(rep, partner.id, event.id)).toEqual([]);
	});

	it('reports a malformed file', () => {
		const r = delegates.parseNominees(`${header}\n"unterminated,x@example.com\n`, 'en');
		expect(r.rows).toEqual([]);
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0].reason).toMatch(/^Malformed CSV/);
	});
});

describe('invitation acceptance', () => {
	it('registers the invited person under the partner, once, pending, in overseas-talent', async () => {
		const { event, partner, rep } = await makeSetup();
		const p = nominee(1);
		const d = await delegates.nominate(rep, event.id, { ...p, country: 'US', field: 'ai' });
		const person = await makeUser('attendee', { email: p.email });
		const other = await makeUser('attendee');
		await expect(delegates.accept(other, d.token)).rejects.toMatchObject({ code: 'invitation_other_email' });
		const { registrationId } = await delegates.accept(person, d.token);
		const [reg] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
		expect(reg).toMatchObject({ eventId: event.id, userId: person.id, partnerId: partner.id, status: 'pending', country: 'US', field: 'ai' });
		await expect(delegates.accept(person, d.token)).rejects.toMatchObject({ code: 'invalid_token' });
		const [row] = (await delegates.list(rep, partner.id, event.id)).filter((x) => x.id === d.id);
		expect(row.stage).toBe('registered');
		await expect(delegates.withdraw(rep, d.id)).rejects.toMatchObject({ code: 'invitation_closed' });
		// Approval shows through.
		await db.update(registrations).set({ status: 'approved' }).where(eq(registrations.id, registrationId));
		expect((await delegates.list(rep, partner.id, event.id)).find((x) => x.id === d.id)?.stage).toBe('approved');
	});

	it('expired links do not work', async () => {
		const { event, rep } = await makeSetup();
		const p = nominee(2);
		const d = await delegates.nominate(rep, event.id, p);
		const person = await makeUser('attendee', { email: p.email });
		const later = new Date(Date.now() + 15 * 86400_000);
		expect(await delegates.invitation(d.token, later)).toBeNull();
		await expect(delegates.accept(person, d.token, later)).rejects.toMatchObject({ code: 'invalid_token' });
	});

	it('someone already registered gets a clear error and the invitation stays open', async () => {
		const { event, rep } = await makeSetup();
		const p = nominee(3);
		const d = await delegates.nominate(rep, event.id, p);
		const other = await makeSetup();
		const person = await makeUser('attendee', { email: p.email });
		// Registered once through another nomination of the same event is impossible here; simulate a direct registration.
		const d2 = await delegates.nominate(other.rep, other.event.id, p);
		await delegates.accept(person, d2.token);
		const [reg] = await db.select().from(registrations).where(eq(registrations.userId, person.id));
		await db.update(registrations).set({ eventId: event.id }).where(eq(registrations.id, reg.id));
		await expect(delegates.accept(person, d.token)).rejects.toMatchObject({ code: 'invitation_already_registered' });
		expect(await delegates.invitation(d.token)).not.toBeNull();
	});
});

describe('scoping', () => {
	it("a representative of A sees nothing of B's delegates: not_found", async () => {
		const a = await makeSetup();
		const b = await makeSetup();
		const d = await delegates.nominate(b.rep, b.event.id, nominee(1));
		await expect(delegates.list(a.rep, b.partner.id, b.event.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(delegates.withdraw(a.rep, d.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(delegates.resend(a.rep, d.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(delegates.exportCsv(a.rep, b.partner.id, b.event.id)).rejects.toMatchObject({ code: 'not_found' });
		// Nominating always acts for the representative's own partner, whatever partner id is given.
		await expect(delegates.nominate(a.rep, b.event.id, nominee(2), b.partner.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await delegates.list(b.organizer, b.partner.id, b.event.id)).toHaveLength(1);
	});
});

describe('registration category', () => {
	const cat = async (eventId: string, slug: string, en: string) =>
		(await db.insert(categories).values({ eventId, slug, name: { zh: `类别 ${slug}`, en } }).returning())[0];

	it("follows the partner's default for the edition unless organizers choose one for the nomination", async () => {
		const { event, partner, rep, organizer } = await makeSetup();
		const enterprise = await cat(event.id, 'enterprise', 'Enterprise');
		const guest = await cat(event.id, 'guest', 'Guest');
		const [a, b, c] = [nominee(1), nominee(2), nominee(3)];
		const da = await delegates.nominate(rep, event.id, a);
		const db2 = await delegates.nominate(rep, event.id, b);
		const dc = await delegates.nominate(rep, event.id, c);
		const categoriesNow = async () => (await delegates.list(rep, partner.id, event.id)).map((d) => [d.email, d.category?.slug, d.categoryChoice]);
		// Nothing chosen: the edition's standard category.
		expect(await categoriesNow()).toEqual([
			[a.email, 'overseas-talent', null],
			[b.email, 'overseas-talent', null],
			[c.email, 'overseas-talent', null]
		]);
		expect((await delegates.invitation(da.token))?.categoryName).toEqual({ zh: '海外人才', en: 'Overseas talent' });

		await partners.setQuota(organizer, partner.id, { eventId: event.id, delegateQuota: 10, projectQuota: 3, categoryId: enterprise.id });
		await delegates.setCategory(organizer, db2.id, guest.id);
		expect(await categoriesNow()).toEqual([
			[a.email, 'enterprise', null],
			[b.email, 'guest', guest.id],
			[c.email, 'enterprise', null]
		]);
		expect((await partners.editions(organizer, partner.id)).find((e) => e.eventId === event.id)).toMatchObject({ delegateQuota: 10, categoryId: enterprise.id });
		// Saving quotas without a category leaves the choice as it is.
		await partners.setQuota(organizer, partner.id, { eventId: event.id, delegateQuota: 9, projectQuota: 3 });
		expect((await partners.editions(organizer, partner.id)).find((e) => e.eventId === event.id)).toMatchObject({ delegateQuota: 9, categoryId: enterprise.id });

		// The invitation registers the delegate in that category.
		const regOf = async (email: string, token: string) => {
			const person = await makeUser('attendee', { email });
			const { registrationId } = await delegates.accept(person, token);
			const [r] = await db.select({ categoryId: registrations.categoryId }).from(registrations).where(eq(registrations.id, registrationId));
			return r.categoryId;
		};
		expect(await regOf(a.email, da.token)).toBe(enterprise.id);
		expect(await regOf(b.email, db2.token)).toBe(guest.id);
		// Accepted: the registration holds the category now (changed there, not here).
		await expect(delegates.setCategory(organizer, da.id, guest.id)).rejects.toMatchObject({ code: 'invitation_closed' });
		await partners.setQuota(organizer, partner.id, { eventId: event.id, delegateQuota: 9, projectQuota: 3, categoryId: null });
		expect(await categoriesNow()).toEqual([
			[a.email, 'enterprise', null],
			[b.email, 'guest', guest.id],
			[c.email, 'overseas-talent', null]
		]);
		// Back to the partner's default for one nomination.
		await delegates.setCategory(organizer, dc.id, guest.id);
		await delegates.setCategory(organizer, dc.id, null);
		expect((await categoriesNow())[2]).toEqual([c.email, 'overseas-talent', null]);
	});

	it('is chosen by organizers only, among the categories of the same event', async () => {
		const { event, partner, rep, organizer } = await makeSetup();
		const other = await makeSetup();
		const foreign = await cat(other.event.id, 'enterprise', 'Enterprise');
		const own = await cat(event.id, 'guest', 'Guest');
		const d = await delegates.nominate(rep, event.id, nominee(1));
		await expect(delegates.setCategory(rep, d.id, own.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(delegates.setCategory(other.organizer, d.id, foreign.id)).rejects.toMatchObject({ code: 'invalid_input', fields: { categoryId: ['v_choice'] } });
		await expect(delegates.setCategory(organizer, d.id, 'not-a-uuid')).rejects.toMatchObject({ code: 'invalid_input', fields: { categoryId: ['v_choice'] } });
		await expect(delegates.setCategory(organizer, 'not-a-uuid', own.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(partners.setQuota(organizer, partner.id, { eventId: event.id, delegateQuota: 5, projectQuota: 1, categoryId: foreign.id })).rejects.toMatchObject({
			code: 'invalid_input',
			fields: { categoryId: ['v_choice'] }
		});
		const [row] = await db.select().from(delegateTable).where(eq(delegateTable.id, d.id));
		expect(row.categoryId).toBeNull();
		expect((await partners.editions(organizer, partner.id)).find((e) => e.eventId === event.id)).toMatchObject({ delegateQuota: 10, categoryId: null });
	});

	it('refuses nominations while there is no category to register in; a deleted choice falls back', async () => {
		const { event, partner, rep, organizer } = await makeSetup();
		await db.delete(categories).where(and(eq(categories.eventId, event.id), eq(categories.slug, 'overseas-talent')));
		await expect(delegates.nominate(rep, event.id, nominee(1))).rejects.toMatchObject({ code: 'partner_category_missing', status: 409 });
		const investor = await cat(event.id, 'investor', 'Investor');
		await partners.setQuota(organizer, partner.id, { eventId: event.id, delegateQuota: 10, projectQuota: 3, categoryId: investor.id });
		const p = nominee(2);
		const d = await delegates.nominate(rep, event.id, p);
		expect((await delegates.list(rep, partner.id, event.id)).map((x) => x.category?.slug)).toEqual(['investor']);
		// The category is deleted before the delegate accepts: nothing left to register in.
		await db.delete(categories).where(eq(categories.id, investor.id));
		expect((await partners.editions(organizer, partner.id)).find((e) => e.eventId === event.id)?.categoryId).toBeNull();
		const person = await makeUser('attendee', { email: p.email });
		await expect(delegates.accept(person, d.token)).rejects.toMatchObject({ code: 'partner_category_missing' });
		expect((await delegates.invitation(d.token))?.categoryName).toBeNull();
		// A standard category again: the open invitation registers there.
		const talent = await cat(event.id, 'overseas-talent', 'Overseas talent');
		const { registrationId } = await delegates.accept(person, d.token);
		const [r] = await db.select({ categoryId: registrations.categoryId }).from(registrations).where(eq(registrations.id, registrationId));
		expect(r.categoryId).toBe(talent.id);
	});
});
