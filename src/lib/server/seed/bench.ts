/**
 * The benchmark's large week (`DEMO_DATA=bench`): the demo week scaled up to 300 sessions and 5,000
 * approved registrations with badges, released, so every hot path runs on realistic volumes.
 */
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { programSessions, rooms } from '../schedule/tables';
import { categories, registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import { badges } from '../badges/tables';
import * as badgeCodes from '../badges';
import * as releases from '../schedule/releases';
import { newPublicId } from '../registrations/public-id';
import { seedDemo } from './index';

export const BENCH = { sessions: 300, registrations: 5000 };

export async function seedBench(now = new Date()) {
	const { eventId, slug } = await seedDemo(now);
	await db.transaction(async (tx) => {
		const existing = await tx.select().from(programSessions).where(eq(programSessions.eventId, eventId));
		const roomRows = await tx.select().from(rooms).where(eq(rooms.eventId, eventId));
		const extra = [];
		for (let i = 0; existing.length + extra.length < BENCH.sessions; i++) {
			const base = existing[i % existing.length];
			const room = roomRows[i % roomRows.length];
			extra.push({
				eventId,
				code: `B${1000 + i}`,
				title: { zh: `${base.title.zh}（加场 ${i + 1}）`, en: `${base.title.en} (extra ${i + 1})` },
				abstract: base.abstract,
				kind: base.kind,
				trackId: base.trackId,
				roomId: room.id,
				startsAt: base.startsAt,
				endsAt: base.endsAt,
				capacity: base.capacity,
				requiresBooking: base.requiresBooking
			});
		}
		for (let i = 0; i < extra.length; i += 200) await tx.insert(programSessions).values(extra.slice(i, i + 200));

		const [cat] = await tx.select().from(categories).where(eq(categories.eventId, eventId)).limit(1);
		await tx.update(categories).set({ capacity: null }).where(eq(categories.id, cat.id));
		const key = await badgeCodes.eventKey(tx, eventId);
		for (let i = 0; i < BENCH.registrations; i += 500) {
			const n = Math.min(500, BENCH.registrations - i);
			const us = await tx
				.insert(users)
				.values(Array.from({ length: n }, (_, j) => ({ email: `bench${i + j}@example.com`, name: `Bench Person ${i + j}`, organization: 'Bench Org' })))
				.returning({ id: users.id });
			const regs = await tx
				.insert(registrations)
				.values(us.map((u) => ({ publicId: newPublicId(), eventId, userId: u.id, categoryId: cat.id, status: 'approved' as const, answers: {} })))
				.returning({ id: registrations.id, publicId: registrations.publicId });
			await tx.insert(badges).values(regs.map((r) => ({ registrationId: r.id, version: 1, eventId, code: badgeCodes.signCode(key, r.publicId, 1) })));
		}
		await releases.create(null, eventId, { name: 'bench', note: 'Large generated week' }, tx);
	});
	return { eventId, slug };
}
