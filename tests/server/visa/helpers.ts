/** Builders for visa tests: an edition with host settings, people with approved registrations, valid input. */
import { db } from '$lib/server/db';
import { categories, registrations } from '$lib/server/registrations/tables';
import { newPublicId } from '$lib/server/registrations/public-id';
import { visaSettings } from '$lib/server/visa/tables';
import { toRow } from '$lib/server/visa/settings';
import type { VisaRequestInput } from '$lib/schemas/visa';
import { makeEvent, makeUser } from '../../helpers/factory';
import { makePartner } from '../partners/helpers';

/** A fixed test key (never used outside tests): the PostgreSQL run needs one, as production does. */
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');
process.env.VISA_DATA_KEY ??= TEST_KEY;

export const SETTINGS = {
	hostNameZh: '大连高新技术产业园区管理委员会',
	hostNameEn: 'Administrative Committee of Dalian High-tech Industrial Zone',
	hostAddressZh: '大连市高新区黄浦路 537 号',
	hostAddressEn: '537 Huangpu Road, Dalian High-tech Zone',
	contactName: 'Wang Li 王丽',
	contactPhone: '+86 411 8479 0000',
	contactEmail: 'visa@example.com',
	signatoryNameZh: '刘建国',
	signatoryNameEn: 'Liu Jianguo',
	signatoryTitleZh: '人才服务中心主任',
	signatoryTitleEn: 'Director, Talent Service Centre',
	numberPrefix: 'HCZ2026',
	purgeAfterDays: null
};

export async function visaEdition(extra: Partial<Parameters<typeof makeEvent>[0]> = {}) {
	const event = await makeEvent(extra);
	const [category] = await db.insert(categories).values({ eventId: event.id, slug: 'overseas-talent', name: { zh: '海外人才', en: 'Overseas talent' } }).returning();
	await db.insert(visaSettings).values(toRow(event.id, SETTINGS));
	const organizer = await makeUser('organizer');
	return { event, category, organizer };
}

export async function registered(eventId: string, categoryId: string, opts: { status?: 'approved' | 'pending'; partnerId?: string } = {}) {
	const user = await makeUser('attendee', { locale: 'en' });
	const [reg] = await db
		.insert(registrations)
		.values({ publicId: newPublicId(), eventId, userId: user.id, categoryId, status: opts.status ?? 'approved', partnerId: opts.partnerId ?? null })
		.returning();
	return { user, reg };
}

export { makePartner, makeUser };

/** Valid input for the factory's edition (2026-07-06 to 2026-07-10). */
export const input = (extra: Partial<VisaRequestInput> = {}): VisaRequestInput => ({
	registrationId: undefined,
	passportName: 'AVERY ATTENDEE',
	nationality: 'CA',
	passportNumber: 'AB1234567',
	passportExpiry: '2030-01-31',
	dateOfBirth: '1988-04-12',
	sex: 'F',
	employer: 'Maple Robotics Inc.',
	position: 'Chief Engineer',
	entryDate: '2026-07-05',
	exitDate: '2026-07-11',
	consulate: 'Vancouver',
	entries: 'single',
	...extra
});
