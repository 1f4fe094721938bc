/**
 * The benchmark's large week (`DEMO_DATA=bench`): the demo week scaled up to 300 sessions and 5,000
 * approved registrations with badges, released, so every hot path runs on realistic volumes.
 * `DEMO_DATA=bench-scale` (`npm run bench -- --scale`): ten times that (3,000 sessions over 10
 * venues, 50,000 registrations, 200 checkpoints) and 500,000 past scans, written with set-based SQL
 * (generate_series, unnest) so it builds in well under a minute.
 */
import { createSession } from '../auth/sessions';
import { eq, sql } from 'drizzle-orm';
import { db, rowsOf, type Executor } from '../db';
import { programSessions, rooms, venues } from '../schedule/tables';
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
	/** Organizer list searches that match one registration. */
	listSearch: { name: string; publicId: string };
	scale: number;
}

/** The scale week: what `scale` multiplies, and what only the scale week has. */
export const SCALE = { factor: 10, venues: 10, roomsPerVenue: 3, pastScans: 500_000 };

export const RUSH = { people: 1000, capacity: 300 };

export async function seedBench(now = new Date(), scale = 1) {
	const { eventId, slug } = await seedDemo(now);
	let handoff: BenchHandoff | undefined;
	await db.transaction(async (tx) => {
		const existing = await tx.select().from(programSessions).where(eq(programSessions.eventId, eventId));
		if (scale > 1) await addVenues(tx, eventId);
		const roomRows = await tx.select().from(rooms).where(eq(rooms.eventId, eventId));
		const extra = [];
		for (let i = 0; existing.length + extra.length < BENCH.sessions * scale; i++) {
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
		if (scale > 1) {
			codes.push(...(await bulkRegistrations(tx, eventId, cat.id, key, BENCH.registrations * scale)));
			[{ id: firstRegistration }] = await tx.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, eventId)).orderBy(registrations.seq).limit(1);
		}
		for (let i = 0; scale === 1 && i < BENCH.registrations; i += 500) {
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
				Array.from({ length: Math.max(1, BENCH.checkpoints * scale - existingCps.length) }, (_, i) => ({
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
		const [device] = await tx
			.insert(devices)
			.values({ eventId, name: 'Bench scanner', checkpointIds: gates.map((g) => g.id), tokenHash: hashToken(deviceToken), pairedAt: new Date() })
			.returning({ id: devices.id });
		// The past: admissions on earlier days at every checkpoint but the one the bench scans at.
		if (scale > 1) await pastScans(tx, eventId, [...existingCps, ...gates.slice(1)].map((c) => c.id), device.id, SCALE.pastScans, now);
		const [probe] = await tx
			.select({ name: users.name, publicId: registrations.publicId })
			.from(registrations)
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(eq(registrations.eventId, eventId))
			.orderBy(registrations.seq)
			.offset(Math.floor((BENCH.registrations * scale) / 2))
			.limit(1);
		handoff = {
			slug,
			deviceToken,
			checkpointId: gates[0].id,
			categorySlug: cat.slug,
			codes,
			registrationId: firstRegistration!,
			organizerToken,
			attendeeSession: '',
			rush: { category: 'rush', capacity: RUSH.capacity, tokens: rushTokens },
			listSearch: probe,
			scale
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

/** Venues up to SCALE.venues, each with its rooms (the scale week's sessions are spread over all). */
async function addVenues(tx: Executor, eventId: string) {
	const have = await tx.select({ id: venues.id }).from(venues).where(eq(venues.eventId, eventId));
	for (let v = have.length; v < SCALE.venues; v++) {
		const [venue] = await tx
			.insert(venues)
			.values({ eventId, name: { zh: `压测场馆 ${v + 1}`, en: `Bench venue ${v + 1}` }, position: 100 + v })
			.returning({ id: venues.id });
		await tx.insert(rooms).values(
			Array.from({ length: SCALE.roomsPerVenue }, (_, r) => ({ eventId, venueId: venue.id, name: { zh: `${v + 1} 号馆 ${r + 1} 厅`, en: `Venue ${v + 1} hall ${r + 1}` }, capacity: 200, position: r }))
		);
	}
}

/**
 * `n` people, each with an approved registration and a signed badge: users and registrations by
 * generate_series, the badges (signed here: the private key never enters SQL) by unnest, in chunks.
 * Returns the badge codes in registration order.
 */
async function bulkRegistrations(tx: Executor, eventId: string, categoryId: string, key: Awaited<ReturnType<typeof badgeCodes.eventKey>>, n: number): Promise<string[]> {
	const publicIds = new Set<string>();
	while (publicIds.size < n) publicIds.add(newPublicId());
	const ids = [...publicIds];
	const codes: string[] = [];
	const CHUNK = 5_000;
	for (let i = 0; i < n; i += CHUNK) {
		const part = ids.slice(i, i + CHUNK);
		const rows = rowsOf<{ id: string; public_id: string }>(
			await tx.execute(sql`
				with p as (select public_id, ord from unnest(${sql.raw(`'{${part.join(',')}}'::text[]`)}) with ordinality as u(public_id, ord)),
				u as (
					insert into users (email, name, organization)
					select 'bench' || (${i} + ord - 1) || '@example.com', 'Bench Person ' || (${i} + ord - 1), 'Bench Org ' || ((${i} + ord) % 97) from p
					returning id, email
				)
				insert into registrations (public_id, event_id, user_id, category_id, status, answers, country)
				select p.public_id, ${eventId}, u.id, ${categoryId}, 'approved', '{}'::jsonb, (array['CN','US','DE','GB','JP','SG','FR','KR'])[1 + (p.ord % 8)]
				from p join u on u.email = 'bench' || (${i} + p.ord - 1) || '@example.com'
				order by p.ord
				returning id, public_id`)
		);
		const byPublic = new Map(rows.map((r) => [r.public_id, r.id]));
		const partCodes = part.map((pid) => badgeCodes.signCode(key, pid, 1));
		const regIds = part.map((pid) => byPublic.get(pid)!);
		await tx.execute(sql`
			insert into badges (registration_id, version, event_id, code)
			select r, 1, ${eventId}, c from unnest(${sql.raw(`'{${regIds.join(',')}}'::uuid[]`)}, ${sql.raw(`'{${partCodes.join(',')}}'::text[]`)}) as t(r, c)`);
		codes.push(...partCodes);
	}
	return codes;
}

/** `n` admissions on the days before `now`, spread over the registrations and the given checkpoints, by generate_series. */
async function pastScans(tx: Executor, eventId: string, checkpointIds: string[], deviceId: string, n: number, now: Date) {
	await tx.execute(sql`
		with r as (select id, row_number() over (order by seq) - 1 as k from registrations where event_id = ${eventId} and status = 'approved'),
		c as (select id, ord - 1 as k from unnest(${sql.raw(`'{${checkpointIds.join(',')}}'::uuid[]`)}) with ordinality as t(id, ord))
		insert into scans (scan_id, event_id, checkpoint_id, registration_id, device_id, result, direction, scanned_at, created_at, answer)
		select 'past-' || g, ${eventId}, c.id, r.id, ${deviceId}, 'admitted', 'entry', ts, ts,
			jsonb_build_object('scanId', 'past-' || g, 'result', 'admitted', 'direction', 'entry', 'checkpointId', c.id, 'scannedAt', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
		from generate_series(0, ${n - 1}) as g
		cross join lateral (select ${now.toISOString()}::timestamptz - make_interval(days => 1 + (g % 4), mins => (g % 600)) as ts) t
		join r on r.k = (g::bigint * 7919) % (select count(*) from registrations where event_id = ${eventId} and status = 'approved')
		join c on c.k = g % ${checkpointIds.length}`);
}
