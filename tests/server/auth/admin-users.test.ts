/** The admin's user list: pages and search, staff first; an admin cannot disable or demote themselves. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import * as auth from '$lib/server/auth';
import { makeUser } from '../../helpers/factory';

useTestDatabase();

describe('admin: users', () => {
	it('pages through everyone, staff accounts first, then by name; searches names in either script', async () => {
		const admin = await makeUser('admin', { name: 'Grace Lin' });
		await makeUser('organizer', { name: 'Olivia Chen', nameZh: '陈晓薇' });
		for (let i = 0; i < 30; i++) await makeUser('attendee', { name: `Attendee ${String(i).padStart(2, '0')}`, nameZh: i === 7 ? '王磊' : null });
		const first = await auth.listUsers(admin, { pageSize: 10 });
		expect(first.total).toBe(32);
		expect(first.rows.length).toBe(10);
		expect(first.rows.slice(0, 3).map((r) => r.name)).toEqual(['Grace Lin', 'Olivia Chen', 'Attendee 00']);
		const last = await auth.listUsers(admin, { pageSize: 10, page: 4 });
		expect(last.rows.map((r) => r.name)).toEqual(['Attendee 28', 'Attendee 29']);
		// A page size is capped, so no one asks for every account at once.
		expect((await auth.listUsers(admin, { pageSize: 10_000 })).pageSize).toBe(100);
		const zh = await auth.listUsers(admin, { q: '王磊' });
		expect(zh.rows.map((r) => [r.name, r.nameZh])).toEqual([['Attendee 07', '王磊']]);
		expect((await auth.listUsers(admin, { q: 'olivia' })).rows.map((r) => r.name)).toEqual(['Olivia Chen']);
	});

	it('refuses an admin disabling or demoting their own account; another admin may', async () => {
		const admin = await makeUser('admin');
		const other = await makeUser('admin');
		await expect(auth.setDisabled(admin, admin.id, true)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
		await expect(auth.setRole(admin, { userId: admin.id, role: 'attendee' })).rejects.toMatchObject({ code: 'forbidden' });
		const done = await auth.setDisabled(other, admin.id, true);
		expect(done.disabledAt).toBeInstanceOf(Date);
		await expect(auth.listUsers(await makeUser('organizer'))).rejects.toMatchObject({ code: 'forbidden' });
	});
});
