/**
 * Demo check-in: a main entrance per day, venue doors (one of them an exit), a room that follows
 * its schedule, two scanner devices (unpaired: pair a phone from the checkpoints page), and a few
 * hundred scans over the first day so the live dashboard has something to draw.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { checkpoints, devices, scans, type CheckpointRules, type ScanAnswer } from '../checkin/tables';
import { events } from '../events/tables';
import { rooms, venues } from '../schedule/tables';
import { categories, registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import { localDate, zonedTime, addDays } from '$lib/time';

const rules = (r: Partial<CheckpointRules> = {}): CheckpointRules => ({
	allowedCategories: [],
	seatRequired: false,
	window: null,
	direction: 'entry',
	reentryAllowed: false,
	followRoomSchedule: false,
	...r
});

export async function seedCheckin(tx: Tx, ctx: { eventId: string; now?: Date }) {
	const now = ctx.now ?? new Date();
	const [event] = await tx.select().from(events).where(eq(events.id, ctx.eventId));
	const venueRows = await tx.select().from(venues).where(eq(venues.eventId, event.id)).orderBy(asc(venues.position));
	const [icc, esc] = venueRows;
	const [mainHall] = await tx.select().from(rooms).where(and(eq(rooms.eventId, event.id), eq(rooms.venueId, icc.id))).orderBy(asc(rooms.position)).limit(1);
	const cats = await tx.select().from(categories).where(eq(categories.eventId, event.id));
	const media = cats.find((c) => c.slug === 'media');

	const days = Array.from({ length: 5 }, (_, i) => addDays(event.startDate, i));
	const cpValues: (typeof checkpoints.$inferInsert)[] = days.map((d, i) => ({
		eventId: event.id,
		name: { zh: `主入口 第${i + 1}天`, en: `Main entrance, day ${i + 1}` },
		kind: 'entrance' as const,
		venueId: icc.id,
		rules: rules({ window: { from: zonedTime(d, '07:00', event.timeZone).toISOString(), to: zonedTime(d, '21:00', event.timeZone).toISOString() } }),
		position: i
	}));
	cpValues.push(
		{ eventId: event.id, name: { zh: '会展中心 东门', en: 'Expo centre east door' }, kind: 'venue_door', venueId: icc.id, rules: rules({ reentryAllowed: true }), position: 10 },
		{ eventId: event.id, name: { zh: '会展中心 出口', en: 'Expo centre exit' }, kind: 'venue_door', venueId: icc.id, rules: rules({ direction: 'exit' }), position: 11 },
		// The car park's door: the morning's side arrivals come in here (the east door is left without
		// scans, so a demo's first scan there reads "admitted" and its counter starts at one).
		{ eventId: event.id, name: { zh: '会展中心 北门（停车场）', en: 'Expo centre north door (car park)' }, kind: 'venue_door', venueId: icc.id, rules: rules({ reentryAllowed: true }), position: 13 },
		{ eventId: event.id, name: { zh: '孵化器 入口', en: 'Incubator door' }, kind: 'venue_door', venueId: esc.id, rules: rules({ reentryAllowed: true }), position: 12 },
		{
			eventId: event.id,
			name: { zh: '主会场（按日程）', en: 'Main Hall (follows schedule)' },
			kind: 'session_room',
			venueId: icc.id,
			roomId: mainHall.id,
			rules: rules({ followRoomSchedule: true, reentryAllowed: true }),
			position: 20
		}
	);
	if (media) {
		cpValues.push({
			eventId: event.id,
			name: { zh: '媒体区', en: 'Press area' },
			kind: 'venue_door',
			venueId: icc.id,
			rules: rules({ allowedCategories: [media.id] }),
			position: 21
		});
	}
	const cps = await tx.insert(checkpoints).values(cpValues).returning();
	const day1 = cps[0];
	const exit = cps.find((c) => c.rules.direction === 'exit')!;
	const [gate1, gate2] = await tx
		.insert(devices)
		.values([
			{ eventId: event.id, name: 'Gate phone 1', checkpointIds: cps.map((c) => c.id), pairedAt: now, lastSeenAt: now },
			{ eventId: event.id, name: 'Gate phone 2', checkpointIds: cps.map((c) => c.id), pairedAt: now, lastSeenAt: now }
		])
		.returning();

	// The first morning at the doors, in the event's zone: the doors open at 07:45, the queue peaks at
	// 08:30 before the 09:00 opening, and latecomers trickle in until early afternoon. The demo is seeded
	// on its first day, so these are today's arrivals up to the moment of seeding; seeded before 09:30,
	// the morning is fitted into the hours already past (see `fitMorning`): no scan lies in the future.
	const today = localDate(now, event.timeZone);
	const at = (hhmm: string) => zonedTime(today, hhmm, event.timeZone).getTime();
	const doorsOpen = at('07:45');
	const peak = at('08:30');
	const lastQueue = at('10:45');
	const lateUntil = at('14:00');
	const people = await tx
		.select({
			id: registrations.id,
			publicId: registrations.publicId,
			status: registrations.status,
			name: users.name,
			nameZh: users.nameZh,
			organization: users.organization,
			categoryId: categories.id,
			categoryName: categories.name,
			color: categories.color
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.eventId, event.id))
		.orderBy(asc(registrations.seq));
	let seed = 7;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
	const rows: (typeof scans.$inferInsert)[] = [];
	let k = 0;
	const add = (p: (typeof people)[number], at: Date, result: ScanAnswer['result'], cp = day1, extra: Partial<ScanAnswer> = {}) => {
		const device = k % 3 ? gate1 : gate2;
		const scanId = `seed-${(++k).toString().padStart(5, '0')}`;
		const answer: ScanAnswer = {
			scanId,
			result,
			direction: cp.rules.direction,
			checkpointId: cp.id,
			scannedAt: at.toISOString(),
			attendee: { publicId: p.publicId, name: p.name, nameZh: p.nameZh, organization: p.organization, category: { id: p.categoryId, name: p.categoryName, color: p.color } },
			...extra
		};
		rows.push({ scanId, eventId: event.id, checkpointId: cp.id, registrationId: p.id, deviceId: device.id, result, reason: extra.reason ?? null, direction: cp.rules.direction, scannedAt: at, receivedAt: at, answer });
		return { at, device };
	};
	/** A triangular draw between a and c with its mode at b: the shape of a queue before an opening. */
	const triangular = (a: number, b: number, c: number) => {
		const u = random();
		const f = (b - a) / (c - a);
		return u < f ? a + Math.sqrt(u * (c - a) * (b - a)) : c - Math.sqrt((1 - u) * (c - a) * (c - b));
	};
	const northDoor = cps.find((c) => c.name.en.startsWith('Expo centre north door'))!;
	const incubator = cps.find((c) => c.name.en === 'Incubator door')!;
	const hall = cps.find((c) => c.kind === 'session_room')!;
	// The demo attendee (attendee@example.com) has not arrived yet, so their badge admits in a demo.
	const approved = people.filter((p) => p.status === 'approved').slice(0, -1);
	for (const p of approved) {
		if (random() > 0.72) continue;
		const late = random() < 0.12;
		const t = late ? lastQueue + random() * (lateUntil - lastQueue) : triangular(doorsOpen, peak, lastQueue);
		const arrival = new Date(Math.round(t));
		// Most come in by the main entrance; some by the north door from the car park; the incubator's
		// door serves the roadshow rehearsals across the road.
		const r = random();
		const door = r < 0.68 ? day1 : r < 0.9 ? northDoor : incubator;
		const first = add(p, arrival, 'admitted', door);
		if (door === day1 && random() < 0.06) {
			add(p, new Date(arrival.getTime() + 20 * 60_000 * random()), 'already_admitted', door, {
				firstAdmission: { at: arrival.toISOString(), checkpointId: door.id, checkpointName: door.name, deviceId: first.device.id, deviceName: first.device.name }
			});
		}
		// The opening ceremony fills the Main Hall from 08:40.
		if (door !== incubator && !late && random() < 0.55) add(p, new Date(Math.max(arrival.getTime() + 5 * 60_000, at('08:40') + random() * 25 * 60_000)), 'admitted', hall);
		// Some step out for lunch or leave early; a few of them come back through the north door.
		if (door !== incubator && !late && random() < 0.14) {
			const out = new Date(at('11:30') + random() * 2.5 * 3600_000);
			add(p, out, 'admitted', exit);
			if (random() < 0.5) add(p, new Date(out.getTime() + (20 + 40 * random()) * 60_000), 'admitted', northDoor);
		}
	}
	for (const p of people.filter((x) => x.status !== 'approved').slice(0, 12)) {
		const reason = p.status === 'cancelled' ? 'cancelled' : 'not_approved';
		add(p, new Date(triangular(doorsOpen, peak, lastQueue)), 'rejected', day1, { reason });
	}
	rows.sort((a, b) => (a.scannedAt as Date).getTime() - (b.scannedAt as Date).getTime());
	if (!rows.length) return;
	const fit = fitMorning({ first: doorsOpen, settled: at('09:30'), last: (rows.at(-1)!.scannedAt as Date).getTime(), now: now.getTime(), midnight: at('00:00') });
	const moved = (d: Date | string) => new Date(fit(new Date(d).getTime()));
	for (const r of rows) {
		r.scannedAt = r.receivedAt = moved(r.scannedAt as Date);
		r.answer = { ...r.answer!, scannedAt: r.scannedAt.toISOString() };
		if (r.answer.firstAdmission) r.answer.firstAdmission = { ...r.answer.firstAdmission, at: moved(r.answer.firstAdmission.at).toISOString() };
	}
	const past = rows.filter((r) => (r.scannedAt as Date).getTime() < now.getTime());
	for (let i = 0; i < past.length; i += 200) await tx.insert(scans).values(past.slice(i, i + 200));
}

/**
 * Where the seeded morning goes so that no scan lies after `now` (all instants in ms). Seeded once the
 * queue has settled (`settled`, 09:30): where it is, and the seed drops the scans still to come (the
 * latecomers arrive in the demo as they would). Seeded earlier the same day: squeezed, in order and
 * with its shape, into the time since a quarter past midnight, ending a minute ago, so the dashboard
 * has a morning to show. Seeded in the first hour of the day, when that would leave too little room:
 * yesterday's, as it was.
 */
export function fitMorning(m: { first: number; settled: number; last: number; now: number; midnight: number }): (t: number) => number {
	const end = m.now - 60_000;
	if (m.now >= m.settled || m.last <= end) return (t) => t;
	const lo = Math.max(m.first + (end - m.last), m.midnight + 15 * 60_000);
	if (end - lo < 30 * 60_000) return (t) => t - 24 * 3600_000;
	const scale = (end - lo) / (m.last - m.first);
	return (t) => Math.round(lo + (t - m.first) * scale);
}
