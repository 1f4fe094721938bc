/** Test data for registrations: an event with one category. */
import { db } from '$lib/server/db';
import { categories } from '$lib/server/registrations/tables';
import type { Question } from '$lib/server/registrations/tables';
import { makeEvent } from '../../helpers/factory';

export const QUESTIONS: Question[] = [
	{ key: 'field', label: { zh: '领域', en: 'Field' }, type: 'single', required: true, options: [{ value: 'ai', label: { zh: '人工智能', en: 'AI' } }, { value: 'bio', label: { zh: '生物', en: 'Bio' } }] },
	{ key: 'country', label: { zh: '国家', en: 'Country' }, type: 'country', required: true }
];
export const ANSWERS = { field: 'ai', country: 'CA' };

export async function eventWithCategory(opts: Partial<typeof categories.$inferInsert> = {}) {
	const event = await makeEvent();
	const [category] = await db
		.insert(categories)
		.values({ eventId: event.id, slug: 'talent', name: { zh: '海外人才', en: 'Overseas talent' }, capacity: 50, requiresApproval: true, questions: QUESTIONS, ...opts })
		.returning();
	return { event, category };
}
