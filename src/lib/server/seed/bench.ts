/**
 * The benchmark's large week (`DEMO_DATA=bench`): the demo week scaled up to 300 sessions and 5,000
 * approved registrations with badges, released, so every hot path runs on realistic volumes.
 */
import { createSession } from '../auth/sessions';
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { programSessions, rooms } from '../schedule/tables';
import { categories, registrations } from '../registrations/tables';
import { apiTokens, users } from '../auth/tables';
import { TOKEN_PREFIX } from '../auth/api-tokens';
import { badges } from '../badges/tables';
import * as badgeCodes from '../badges';
import * as releases from '../schedule/releases';
import { newPublicId } from '../registrations/public-id';
import { seedDemo } from './index';
import { checkpoints, devices } from '../checkin/tables';
import { DEVICE_TOKEN_PREFIX } from '../checkin/devices';
import { generateToken, hashToken } from '../auth/tokens';
import fs from 'node:fs';
import path from 'node:path';

export const BENCH = { sessions: 300, registrations: 5000, checkpoints: 20 };

/**
 * What the load generator needs and cannot read from the locked embedded database: a scanner device
 * token and the badge codes. Written to DATA_DIR/bench.json only for `DEMO_DATA=bench`.
 */
export interface BenchHandoff {
	slug: string;
	deviceToken: string;
	checkpointId: string;
	categorySlug: string;
	codes: string[];
	/** A registration the organizer token may read (badge image scenario). */
	registrationId: string;
	organizerToken: string;
	/** A signed-in attendee's session cookie value: pages rendered per request, never shared. */
	attendeeSession: string;
	/** The registration rush: a category of 300 and 1,000 people with API tokens. */
	rush: { category: string; capacity: number; tokens: string[] };
}

export const RUSH = { people: 1000, capacity: 300 };

export async function seedBench(now = new Date()) {
	const { eventId, slug } = await seedDemo(now);
	let handoff: BenchHandoff | undefined;
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

		const [cat] = await tx.select().from(categories).where(eq(categories.eventId, eventId)).orderBy(categories.position).limit(1);
		await tx.update(categories).set({ capacity: null }).where(eq(categories.id, cat.id));
		const key = await badgeCodes.eventKey(tx, eventId);
		const codes: string[] = [];
		let firstRegistration: string | undefined;
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
			firstRegistration ??= regs[0].id;
			const rows = regs.map((r) => ({ registrationId: r.id, version: 1, eventId, code: badgeCodes.signCode(key, r.publicId, 1) }));
			await tx.insert(badges).values(rows);
			codes.push(...rows.map((r) => r.code));
		}
		// 20 checkpoints in all: the demo's plus open gates that admit anyone at any time.
		const existingCps = await tx.select({ id: checkpoints.id }).from(checkpoints).where(eq(checkpoints.eventId, eventId));
		const gates = await tx
			.insert(checkpoints)
			.values(
				Array.from({ length: Math.max(1, BENCH.checkpoints - existingCps.length) }, (_, i) => ({
					eventId,
					name: { zh: `压测入口 ${i + 1}`, en: `Bench gate ${i + 1}` },
					kind: 'entrance' as const,
					rules: { allowedCategories: [], seatRequired: false, window: null, direction: 'entry' as const, reentryAllowed: false, followRoomSchedule: false },
					position: 100 + i
				}))
			)
			.returning({ id: checkpoints.id });
		// The rush: a category of 300 places without approval or questions, and 1,000 people ready to register.
		await tx.insert(categories).values({ eventId, slug: 'rush', name: { zh: '压测类别', en: 'Rush category' }, capacity: RUSH.capacity, requiresApproval: false, questions: [], position: 99 });
		const rushUsers = await tx
			.insert(users)
			.values(Array.from({ length: RUSH.people }, (_, i) => ({ email: `rush${i}@example.com`, name: `Rush Person ${i}` })))
			.returning({ id: users.id });
		const rushTokens = rushUsers.map(() => TOKEN_PREFIX + generateToken());
		await tx.insert(apiTokens).values(rushUsers.map((u, i) => ({ userId: u.id, name: 'bench', tokenHash: hashToken(rushTokens[i]), scopes: ['api'] })));
		const [organizer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'organizer@example.com'));
		const organizerToken = TOKEN_PREFIX + generateToken();
		await tx.insert(apiTokens).values({ userId: organizer.id, name: 'bench', tokenHash: hashToken(organizerToken), scopes: ['api'] });
		const deviceToken = DEVICE_TOKEN_PREFIX + generateToken();
		await tx.insert(devices).values({ eventId, name: 'Bench scanner', checkpointIds: gates.map((g) => g.id), tokenHash: hashToken(deviceToken), pairedAt: new Date() });
		handoff = {
			slug,
			deviceToken,
			checkpointId: gates[0].id,
			categorySlug: cat.slug,
			codes,
			registrationId: firstRegistration!,
			organizerToken,
			attendeeSession: '',
			rush: { category: 'rush', capacity: RUSH.capacity, tokens: rushTokens }
		};
		await releases.create(null, eventId, { name: 'bench', note: 'Large generated week' }, tx);
	});
	const [attendee] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'attendee@example.com'));
	handoff!.attendeeSession = (await createSession(attendee.id)).token;
	const dir = path.resolve(process.env.DATA_DIR ?? './data');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'bench.json'), JSON.stringify(handoff));
	return { eventId, slug };
}
