/** Small builders for test data: fresh users and events, so tests isolate by data. */
import { db } from '$lib/server/db';
import { users } from '$lib/server/auth/tables';
import { events } from '$lib/server/events/tables';
import type { Actor } from '$lib/server/auth/access';
import type { Role } from '$lib/schemas/auth';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(role: Role = 'attendee', extra: Partial<typeof users.$inferInsert> = {}): Promise<Actor & { passwordHash: string | null }> {
	const [u] = await db
		.insert(users)
		.values({ email: `user-${uniq()}@example.com`, name: `Test ${role}`, role, ...extra })
		.returning();
	return { id: u.id, role: u.role, partnerId: u.partnerId, email: u.email, name: u.name, locale: u.locale, passwordHash: u.passwordHash };
}

export async function makeEvent(extra: Partial<typeof events.$inferInsert> = {}) {
	const slug = `ev-${uniq()}`;
	const [e] = await db
		.insert(events)
		.values({
			slug,
			name: { zh: `测试活动 ${slug}`, en: `Test event ${slug}` },
			city: { zh: '大连', en: 'Dalian' },
			timeZone: 'Asia/Shanghai',
			startDate: '2026-07-06',
			endDate: '2026-07-10',
			status: 'published',
			...extra
		})
		.returning();
	return e;
}
