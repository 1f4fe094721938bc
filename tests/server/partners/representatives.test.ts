import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import { db } from '$lib/server/db';
import { users } from '$lib/server/auth/tables';
import { outbox } from '$lib/server/mail/tables';
import * as partners from '$lib/server/partners';
import type { PartnerInput } from '$lib/schemas/partners';
import { makePartner } from './helpers';

useTestDatabase();

describe('representative invitations', () => {
	it('bind the invited account to the partner once; other emails and roles are refused', async () => {
		const organizer = await makeUser('organizer');
		const partner = await makePartner();
		const person = await makeUser('attendee');
		const { token } = await partners.inviteRepresentative(organizer, partner.id, { email: person.email, name: 'Rep' });
		const [mail] = await db.select().from(outbox).where(eq(outbox.to, person.email));
		expect(mail.text).toContain(`/invitations/partner/${token}`);
		expect((await partners.repInvitation(token))?.email).toBe(person.email);

		await expect(partners.acceptRepInvitation(await makeUser('attendee'), token)).rejects.toMatchObject({ code: 'invitation_other_email' });
		const staffWithEmail = { ...(await makeUser('staff')), email: person.email };
		await expect(partners.acceptRepInvitation(staffWithEmail, token)).rejects.toMatchObject({ code: 'invitation_role_conflict' });

		expect(await partners.acceptRepInvitation(person, token)).toBe(partner.id);
		const [u] = await db.select().from(users).where(eq(users.id, person.id));
		expect(u).toMatchObject({ role: 'partner', partnerId: partner.id });
		await expect(partners.acceptRepInvitation(person, token)).rejects.toMatchObject({ code: 'invalid_token' });
		expect(await partners.repInvitation(token)).toBeNull();
	});

	it('expire', async () => {
		const organizer = await makeUser('organizer');
		const partner = await makePartner();
		const person = await makeUser('attendee');
		const { token } = await partners.inviteRepresentative(organizer, partner.id, { email: person.email, name: 'Rep' });
		const later = new Date(Date.now() + 15 * 86400_000);
		expect(await partners.repInvitation(token, later)).toBeNull();
		await expect(partners.acceptRepInvitation(person, token, later)).rejects.toMatchObject({ code: 'invalid_token' });
	});

	it('are for organizers only, as is editing partners; representatives edit their own public profile', async () => {
		const partner = await makePartner();
		const rep = await makeUser('partner', { partnerId: partner.id });
		await expect(partners.inviteRepresentative(rep, partner.id, { email: 'x@example.com', name: 'X' })).rejects.toMatchObject({ code: 'forbidden' });
		const input = { ...partners.toForm(partner), fields: ['ai'], plaqueYear: 2018, latitude: undefined, longitude: undefined, website: undefined } as unknown as PartnerInput;
		await expect(partners.update(rep, partner.id, input)).rejects.toMatchObject({ code: 'forbidden' });
		await partners.updateOwnProfile(rep, { nameZh: '新名', nameEn: 'New name', cityZh: '波士顿', cityEn: 'Boston', timeZone: 'America/New_York', fields: ['ai', 'health'], website: 'https://new.example.com', descriptionZh: undefined, descriptionEn: 'About us', contactName: 'C', contactEmail: 'c@example.com', contactPhone: undefined });
		const after = await partners.get(rep, partner.id);
		expect(after).toMatchObject({ slug: partner.slug, status: 'active', name: { zh: '新名', en: 'New name' }, fields: ['ai', 'health'], website: 'https://new.example.com', description: { zh: '', en: 'About us' } });
		const other = await makePartner();
		await expect(partners.get(rep, other.id)).rejects.toMatchObject({ code: 'not_found' });
	});
});
