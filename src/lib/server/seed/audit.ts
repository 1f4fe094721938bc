/**
 * Demo audit trail: what the demo's people did in the weeks before the event, so the admin's audit
 * log reads like a real one (roles granted, categories set up, registrations reviewed, delegates
 * nominated, checkpoints and scanners prepared) rather than one line.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db';
import { auditLog } from '../audit/tables';
import { users } from '../auth/tables';
import { categories, registrations } from '../registrations/tables';
import { checkpoints, devices } from '../checkin/tables';
import { partners, projects } from '../partners/tables';

export async function seedAudit(tx: Tx, ctx: { eventId: string; now: Date }) {
	const { eventId, now } = ctx;
	const ago = (days: number, hour = 10, minute = 0) => new Date(now.getTime() - days * 86400_000 + (hour - 10) * 3600_000 + minute * 60_000);
	const staffUsers = await tx.select({ id: users.id, role: users.role, partnerId: users.partnerId }).from(users).where(inArray(users.role, ['admin', 'organizer', 'staff', 'partner']));
	const by = (role: string) => staffUsers.find((u) => u.role === role);
	const admin = by('admin');
	const organizer = by('organizer');
	const rep = by('partner');
	if (!admin || !organizer) return;
	const rows: (typeof auditLog.$inferInsert)[] = [];
	const add = (actorId: string, action: string, at: Date, o: Partial<typeof auditLog.$inferInsert> = {}) => rows.push({ actorId, action, createdAt: at, ...o });

	for (const u of staffUsers.filter((x) => x.id !== admin.id)) {
		add(admin.id, 'user.role_grant', ago(34, 9, 12), { targetType: 'user', targetId: u.id, data: { role: u.role, partnerId: u.partnerId } });
	}
	add(organizer.id, 'schedule.event_update', ago(32, 14, 5), { targetType: 'event', targetId: eventId, eventId });
	const cats = await tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(eq(categories.eventId, eventId)).orderBy(asc(categories.position));
	cats.forEach((c, i) => add(organizer.id, 'registrations.category_create', ago(31, 10, i * 3), { targetType: 'category', targetId: c.id, eventId, data: { slug: c.slug } }));

	// Reviews: the organizer approved most of the approved people, and rejected the rejected ones.
	const reviewed = await tx
		.select({ id: registrations.id, status: registrations.status })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['approved', 'rejected', 'waitlisted'])))
		.orderBy(asc(registrations.seq));
	reviewed.forEach((r, i) => {
		if (r.status === 'approved' && i % 4) return;
		const action = r.status === 'approved' ? 'registrations.approve' : r.status === 'rejected' ? 'registrations.reject' : 'registrations.waitlist';
		add(organizer.id, action, ago(12 - (i % 11), 9 + (i % 8), (i * 7) % 60), { targetType: 'registration', targetId: r.id, eventId, data: { from: 'pending', to: r.status } });
	});

	if (rep?.partnerId) add(rep.id, 'partner.nominate', ago(20, 21, 40), { targetType: 'partner', targetId: rep.partnerId, eventId, data: { count: 6 } });
	const ptns = await tx.select({ id: partners.id }).from(partners);
	ptns.forEach((p, i) => add(organizer.id, 'partner.quota', ago(33, 11, i * 4), { targetType: 'partner', targetId: p.id, eventId, data: { delegateQuota: 20, projectQuota: 6 } }));
	const shortlisted = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.eventId, eventId), eq(projects.status, 'shortlisted')));
	shortlisted.forEach((p, i) => add(organizer.id, 'partner.project_shortlist', ago(6, 15, i * 9), { targetType: 'project', targetId: p.id, eventId }));

	const cps = await tx.select({ id: checkpoints.id }).from(checkpoints).where(eq(checkpoints.eventId, eventId)).orderBy(asc(checkpoints.position));
	cps.forEach((c, i) => add(organizer.id, 'checkin.checkpoint_create', ago(3, 16, i * 2), { targetType: 'checkpoint', targetId: c.id, eventId }));
	const devs = await tx.select({ id: devices.id, name: devices.name }).from(devices).where(eq(devices.eventId, eventId));
	devs.forEach((d, i) => add(organizer.id, 'checkin.device_create', ago(1, 17, 30 + i), { targetType: 'device', targetId: d.id, eventId, data: { name: d.name } }));

	for (let i = 0; i < rows.length; i += 200) await tx.insert(auditLog).values(rows.slice(i, i + 200));
}
