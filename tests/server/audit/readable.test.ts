/** The audit log as people read it: names of who acted and of what they acted on, not UUIDs. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import * as audit from '$lib/server/audit';
import * as auth from '$lib/server/auth';
import { db } from '$lib/server/db';
import { categories, registrations } from '$lib/server/registrations/tables';
import { newPublicId } from '$lib/server/registrations/public-id';
import { makeEvent, makeUser } from '../../helpers/factory';

useTestDatabase();

describe('audit: readable entries', () => {
	it('names the actor, the target (in both scripts where it has them) and the event; pages newest first', async () => {
		const admin = await makeUser('admin', { name: 'Grace Lin', nameZh: '林雅' });
		const person = await makeUser('attendee', { name: 'Wang Lei', nameZh: '王磊' });
		const event = await makeEvent({ name: { zh: '海创周', en: 'Innovation Week' } });
		const [cat] = await db.insert(categories).values({ eventId: event.id, slug: 'talent', name: { zh: '海外人才', en: 'Overseas talent' } }).returning();
		const [reg] = await db.insert(registrations).values({ publicId: newPublicId(), eventId: event.id, userId: person.id, categoryId: cat.id, status: 'approved' }).returning();
		await auth.setRole(admin, { userId: person.id, role: 'staff' });
		await audit.record(admin, 'registrations.approve', { targetType: 'registration', targetId: reg.id, eventId: event.id, data: { from: 'pending', to: 'approved' } });
		await audit.record(null, 'partner.update', { targetType: 'partner', targetId: '00000000-0000-4000-8000-000000000000' });

		const page = await audit.readable(admin, { pageSize: 2 });
		expect(page.total).toBe(3);
		expect(page.entries.map((e) => e.action)).toEqual(['partner.update', 'registrations.approve']);
		const [gone, approve] = page.entries;
		expect(gone.actor).toBeNull();
		expect(gone.target).toEqual({ type: 'partner', id: '00000000-0000-4000-8000-000000000000', label: null });
		expect(approve.actor).toMatchObject({ name: 'Grace Lin', nameZh: '林雅' });
		expect(approve.target).toMatchObject({ type: 'registration', label: { en: 'Wang Lei', zh: '王磊（Wang Lei）' } });
		expect(approve.event).toEqual({ zh: '海创周', en: 'Innovation Week' });
		expect(approve.data).toEqual({ from: 'pending', to: 'approved' });

		const role = (await audit.readable(admin, { page: 2, pageSize: 2 })).entries;
		expect(role.map((e) => [e.action, e.target?.label, e.data?.role])).toEqual([['user.role_grant', { en: 'Wang Lei', zh: '王磊（Wang Lei）' }, 'staff']]);
		expect((await audit.readable(admin, { action: 'registrations' })).entries.map((e) => e.action)).toEqual(['registrations.approve']);
		await expect(audit.readable(await makeUser('organizer'))).rejects.toMatchObject({ code: 'forbidden' });
	});
});
