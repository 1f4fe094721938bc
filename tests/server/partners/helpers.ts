import type { NomineeInput } from '$lib/schemas/partners';
/** Builders for partner tests: a fresh partner in a fresh event with quotas and categories. */
import { db } from '$lib/server/db';
import { partnerEditions, partners } from '$lib/server/partners/tables';
import { categories } from '$lib/server/registrations/tables';
import { makeEvent, makeUser } from '../../helpers/factory';

let n = 0;
export async function makePartner(extra: Partial<typeof partners.$inferInsert> = {}) {
	const slug = `p-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
	const [p] = await db
		.insert(partners)
		.values({ slug, name: { zh: `伙伴 ${slug}`, en: `Partner ${slug}` }, city: { zh: '波士顿', en: 'Boston' }, country: 'US', timeZone: 'America/New_York', fields: ['ai'], ...extra })
		.returning();
	return p;
}

export async function makeSetup(opts: { delegateQuota?: number; projectQuota?: number } = {}) {
	const event = await makeEvent();
	await db.insert(categories).values({ eventId: event.id, slug: 'overseas-talent', name: { zh: '海外人才', en: 'Overseas talent' }, capacity: 1 });
	const partner = await makePartner();
	await db.insert(partnerEditions).values({ partnerId: partner.id, eventId: event.id, delegateQuota: opts.delegateQuota ?? 10, projectQuota: opts.projectQuota ?? 3 });
	const rep = await makeUser('partner', { partnerId: partner.id, locale: 'en' });
	const organizer = await makeUser('organizer');
	return { event, partner, rep, organizer };
}

export const nominee = (i: number): NomineeInput => ({
	name: `Nominee ${i}`,
	email: `nominee-${i}-${Math.random().toString(36).slice(2, 8)}@example.com`,
	institution: undefined,
	country: undefined,
	field: undefined,
	degree: undefined,
	bio: undefined
});
