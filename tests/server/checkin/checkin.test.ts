import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase, onPostgres } from '../../helpers/db';
import { db } from '$lib/server/db';
import * as checkin from '$lib/server/checkin';
import * as badges from '$lib/server/badges';
import { scans } from '$lib/server/checkin/tables';
import { registrations } from '$lib/server/registrations/tables';
import { makeUser } from '../../helpers/factory';
import { makeCheckinEvent, scanId } from './fixture';

useTestDatabase();

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** Now, or a quarter of an hour later when the event's local day has just begun (before 00:15). */
function intoTheDay(timeZone: string, now = new Date()) {
	const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
	return h * 60 + m >= 15 ? now : new Date(now.getTime() + 15 * 60_000);
}

describe('POST /checkins semantics (domain)', () => {
	it('admits once, then answers already admitted with the first admission', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const { scanner } = await f.device([cp.id], 'Gate phone 1');
		const p = await f.person();
		const first = await checkin.checkIn(scanner, { code: p.code, checkpointId: cp.id, scanId: scanId() });
		expect(first).toMatchObject({
			result: 'admitted',
			direction: 'entry',
			attendee: { publicId: p.reg.publicId, name: p.user.name, nameZh: '张伟', organization: 'Example Labs', category: { name: { en: 'Overseas talent' }, color: '#0f766e' } }
		});
		expect(first.reason).toBeUndefined();
		const second = await checkin.checkIn(scanner, { code: p.code, checkpointId: cp.id, scanId: scanId() });
		expect(second).toMatchObject({
			result: 'already_admitted',
			firstAdmission: { at: first.scannedAt, checkpointId: cp.id, checkpointName: { en: 'Entrance' }, deviceId: scanner.deviceId, deviceName: 'Gate phone 1' }
		});
		const rows = await db.select().from(scans).where(eq(scans.registrationId, p.reg.id));
		expect(rows.map((r) => r.result).sort()).toEqual(['admitted', 'already_admitted']);
	});

	it('gives every reason code, and display fields only for genuine codes', async () => {
		const f = await makeCheckinEvent();
		const other = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const staff = { kind: 'user' as const, actor: await makeUser('staff') };
		const scan = (code: string, checkpointId = cp.id, extra = {}) => checkin.checkIn(staff, { code, checkpointId, scanId: scanId(), ...extra });

		const ok = await f.person();
		expect(await scan('not a badge')).toMatchObject({ result: 'rejected', reason: 'unknown_code' });
		const i = ok.code.length - 10;
		const altered = ok.code.slice(0, i) + (ok.code[i] === 'A' ? 'B' : 'A') + ok.code.slice(i + 1);
		const forged = await scan(altered);
		expect(forged).toMatchObject({ result: 'rejected', reason: 'invalid_signature' });
		expect(forged.attendee).toBeUndefined();
		// Signed with the right key, but no such registration.
		const key = await badges.eventKey(db, f.event.id);
		expect(await scan(badges.signCode(key, 'AAAAAAAAAA', 1))).toMatchObject({ result: 'rejected', reason: 'unknown_code' });
		const foreign = await scan((await other.person()).code);
		expect(foreign).toMatchObject({ result: 'rejected', reason: 'wrong_event' });
		expect(foreign.attendee).toBeUndefined();

		const reissued = await f.person();
		await badges.reissue(db, reissued.reg.id);
		expect(await scan(reissued.code)).toMatchObject({ result: 'rejected', reason: 'revoked', attendee: { publicId: reissued.reg.publicId } });

		const cancelled = await f.person();
		await db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, cancelled.reg.id));
		await badges.revoke(db, cancelled.reg.id, 'cancelled');
		expect(await scan(cancelled.code)).toMatchObject({ result: 'rejected', reason: 'cancelled' });

		expect(await scan((await f.person('pending')).code)).toMatchObject({ result: 'rejected', reason: 'not_approved' });

		const mediaOnly = await f.checkpoint({ rules: { allowedCategories: [f.media.id] } });
		expect(await scan(ok.code, mediaOnly.id)).toMatchObject({ result: 'rejected', reason: 'category_not_allowed', attendee: { publicId: ok.reg.publicId } });

		const closed = await f.checkpoint({ rules: { window: { from: minutes(60), to: minutes(120) } } });
		expect(await scan(ok.code, closed.id)).toMatchObject({ result: 'rejected', reason: 'outside_hours' });

		// The roadshow needs a booked seat; nobody booked (the seat rule reads seat_bookings when it exists).
		const room = await f.checkpoint({ kind: 'session_room', roomId: f.room.id, rules: { followRoomSchedule: true } });
		expect(await scan(ok.code, room.id)).toMatchObject({ result: 'rejected', reason: 'no_seat' });
		// Earlier, during the open opening session, no seat was needed.
		expect(await scan(ok.code, room.id, { scannedAt: minutes(-90) })).toMatchObject({ result: 'admitted' });
		// Between the two sessions (before the roadshow's grace period) the room was closed.
		expect(await scan(ok.code, room.id, { scannedAt: minutes(-50) })).toMatchObject({ result: 'rejected', reason: 'outside_hours' });

		const rejected = await db.select().from(scans).where(and(eq(scans.eventId, f.event.id), eq(scans.result, 'rejected')));
		expect(rejected.length).toBe(11);
	});

	it('spares the signature check only for the very code the server issued (issue 18)', async () => {
		const f = await makeCheckinEvent();
		const other = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const staff = { kind: 'user' as const, actor: await makeUser('staff') };
		const scan = (code: string) => checkin.checkIn(staff, { code, checkpointId: cp.id, scanId: scanId() });
		const key = await badges.eventKey(db, f.event.id);
		const otherKey = await badges.eventKey(db, other.event.id);
		// The right key id, the right badge and version, but signed with another event's key: the
		// stored code differs, so the signature decides.
		const victim = await f.person();
		const forged = badges.signCode({ kid: key.kid, privateKey: otherKey.privateKey }, victim.reg.publicId, 1);
		expect(forged).not.toBe(victim.code);
		expect(await scan(forged)).toMatchObject({ result: 'rejected', reason: 'invalid_signature' });
		expect((await scan(forged)).attendee).toBeUndefined();
		// The issued code (surrounding blanks trimmed, as the scanner may send them) admits, once.
		expect(await scan(` ${victim.code} `)).toMatchObject({ result: 'admitted', attendee: { publicId: victim.reg.publicId } });
		expect(await scan(victim.code)).toMatchObject({ result: 'already_admitted' });
		// A later version signed by the right key but never issued: genuine signature, not the newest badge.
		const unissued = badges.signCode(key, victim.reg.publicId, 2);
		expect(await scan(unissued)).toMatchObject({ result: 'rejected', reason: 'revoked' });
	});

	it('answers a resent scan id with the first answer, even after things changed', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const { scanner } = await f.device([cp.id]);
		const p = await f.person();
		const id = scanId();
		const first = await checkin.checkIn(scanner, { code: p.code, checkpointId: cp.id, scanId: id });
		await badges.reissue(db, p.reg.id);
		const again = await checkin.checkIn(scanner, { code: p.code, checkpointId: cp.id, scanId: id });
		expect(again).toEqual(first);
		// Concurrent resends of one new scan id store one scan and agree.
		const id2 = scanId();
		const q = await f.person();
		const answers = await Promise.all(Array.from({ length: 6 }, () => checkin.checkIn(scanner, { code: q.code, checkpointId: cp.id, scanId: id2 })));
		for (const a of answers) expect(a).toEqual(answers[0]);
		expect(answers[0].result).toBe('admitted');
		expect((await db.select().from(scans).where(eq(scans.scanId, id2))).length).toBe(1);
	});

	it(`admits a badge scanned at two devices at once exactly once (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const a = await f.device([cp.id], 'A');
		const b = await f.device([cp.id], 'B');
		for (let round = 0; round < 3; round++) {
			const p = await f.person();
			const answers = await Promise.all(
				Array.from({ length: 12 }, (_, i) => checkin.checkIn(i % 2 ? a.scanner : b.scanner, { code: p.code, checkpointId: cp.id, scanId: scanId() }))
			);
			expect(answers.filter((x) => x.result === 'admitted').length).toBe(1);
			expect(answers.filter((x) => x.result === 'already_admitted').length).toBe(11);
			const stored = await db.select().from(scans).where(and(eq(scans.registrationId, p.reg.id), eq(scans.result, 'admitted')));
			expect(stored.length).toBe(1);
		}
	});

	it('admits once when online scans taken later carry earlier times (clocks, or requests that waited for the lock)', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const a = await f.device([cp.id], 'A');
		const b = await f.device([cp.id], 'B');
		const p = await f.person();
		const t0 = Date.now();
		// Each later call says it started a little earlier: before the fix every one of them "took over".
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, i) => checkin.checkIn(i % 2 ? a.scanner : b.scanner, { code: p.code, checkpointId: cp.id, scanId: scanId() }, new Date(t0 - i * 10)))
		);
		expect(answers.map((x) => x.result).sort()).toEqual(['admitted', ...Array(7).fill('already_admitted')]);
		const stored = await db.select().from(scans).where(eq(scans.registrationId, p.reg.id));
		expect(stored.map((s) => s.result).sort()).toEqual(answers.map((x) => x.result).sort());
		expect(stored.filter((s) => s.revisedAt)).toEqual([]);
	});

	it('lets the earliest offline scan admit and tells the other device', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const a = await f.device([cp.id], 'A');
		const b = await f.device([cp.id], 'B');
		const p = await f.person();
		const syncStart = new Date();
		const online = await checkin.checkIn(a.scanner, { code: p.code, checkpointId: cp.id, scanId: scanId(), scannedAt: minutes(-1) });
		expect(online.result).toBe('admitted');
		const offline = await checkin.checkIn(b.scanner, { code: p.code, checkpointId: cp.id, scanId: scanId(), scannedAt: minutes(-5), offline: true });
		expect(offline.result).toBe('admitted');
		const stored = await db.select().from(scans).where(eq(scans.registrationId, p.reg.id));
		expect(stored.find((s) => s.scanId === online.scanId)).toMatchObject({ result: 'already_admitted' });
		const sync = await checkin.scannerSync(a.scanner, f.event.id, syncStart);
		expect(sync.outcomes).toEqual([expect.objectContaining({ scanId: online.scanId, result: 'already_admitted', firstAdmission: expect.objectContaining({ deviceName: 'B', at: offline.scannedAt }) })]);
		// A later offline scan is simply already admitted.
		const late = await checkin.checkIn(b.scanner, { code: p.code, checkpointId: cp.id, scanId: scanId(), scannedAt: minutes(-3), offline: true });
		expect(late).toMatchObject({ result: 'already_admitted', firstAdmission: { at: offline.scannedAt } });
	});

	it('re-entry after an exit when allowed; counters count entries minus exits', async () => {
		const f = await makeCheckinEvent();
		const door = await f.checkpoint({ kind: 'venue_door', venueId: f.venue.id, rules: { reentryAllowed: true } });
		const out = await f.checkpoint({ kind: 'venue_door', venueId: f.venue.id, name: { zh: '出口', en: 'Exit' }, rules: { direction: 'exit' } });
		const { scanner } = await f.device([door.id, out.id]);
		const p = await f.person();
		const q = await f.person();
		await f.person('pending');
		// "Today" is the event's local day: the scans ten minutes back must fall in it whatever the hour.
		const now = intoTheDay(f.event.timeZone);
		const go = (code: string, cp: string, min: number) =>
			checkin.checkIn(scanner, { code, checkpointId: cp, scanId: scanId(), scannedAt: new Date(now.getTime() + min * 60_000).toISOString() }, now);
		expect((await go(p.code, door.id, -10)).result).toBe('admitted');
		expect((await go(q.code, door.id, -9)).result).toBe('admitted');
		expect(await checkin.counters(scanner, door.id, now)).toEqual({ admittedToday: 2, insideNow: 2, expected: 2 });
		expect((await go(p.code, out.id, -8)).result).toBe('admitted');
		expect((await checkin.counters(scanner, door.id, now)).insideNow).toBe(1);
		expect((await go(p.code, door.id, -7)).result).toBe('admitted');
		expect((await go(q.code, door.id, -6)).result).toBe('already_admitted');
		expect(await checkin.counters(scanner, door.id, now)).toEqual({ admittedToday: 3, insideNow: 2, expected: 2 });
	});
});

describe('devices and cross-event isolation', () => {
	it('pairs once, scopes to its checkpoints, stops when revoked', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const cp2 = await f.checkpoint({ name: { zh: '二号门', en: 'Gate 2' } });
		const { pairingCode, deviceId } = await checkin.createDevice(f.organizer, f.event.id, { name: 'P', checkpointIds: [cp.id] });
		const { token } = await checkin.pair(pairingCode);
		expect(token).toMatch(/^hwd_[a-z2-7]{32}$/);
		await expect(checkin.pair(pairingCode)).rejects.toMatchObject({ code: 'pairing_invalid' });
		const scanner = (await checkin.authenticateDevice(token))!;
		expect(scanner).toMatchObject({ kind: 'device', deviceId, eventId: f.event.id, checkpointIds: [cp.id] });
		const p = await f.person();
		await expect(checkin.checkIn(scanner, { code: p.code, checkpointId: cp2.id, scanId: scanId() })).rejects.toMatchObject({ code: 'not_found' });
		expect((await checkin.listCheckpoints(scanner, f.event.id)).map((c) => c.id)).toEqual([cp.id]);
		const attendee = await makeUser('attendee');
		await expect(checkin.createDevice(attendee, f.event.id, { name: 'x', checkpointIds: [cp.id] })).rejects.toMatchObject({ code: 'forbidden' });
		await checkin.revokeDevice(f.organizer, f.event.id, deviceId);
		expect(await checkin.authenticateDevice(token)).toBeNull();
		expect((await checkin.listDevices(f.organizer, f.event.id))[0].revokedAt).toBeInstanceOf(Date);
	});

	it('a device of event A can neither check in nor read anything of event B', async () => {
		const a = await makeCheckinEvent();
		const b = await makeCheckinEvent();
		const cpA = await a.checkpoint();
		const cpB = await b.checkpoint();
		const devA = await a.device([cpA.id]);
		const devB = await b.device([cpB.id]);
		const pb = await b.person();
		await expect(checkin.checkIn(devA.scanner, { code: pb.code, checkpointId: cpB.id, scanId: scanId() })).rejects.toMatchObject({ code: 'not_found' });
		// A device of another event cannot even be bound to B's checkpoints.
		await expect(checkin.createDevice(a.organizer, a.event.id, { name: 'x', checkpointIds: [cpB.id] })).rejects.toMatchObject({ code: 'invalid_input' });
		const id = scanId();
		await checkin.checkIn(devB.scanner, { code: pb.code, checkpointId: cpB.id, scanId: id });
		await expect(checkin.checkIn(devA.scanner, { code: pb.code, checkpointId: cpA.id, scanId: id })).rejects.toMatchObject({ code: 'scan_id_taken' });
		await expect(checkin.scannerSync(devA.scanner, b.event.id, null)).rejects.toMatchObject({ code: 'not_found' });
		await expect(checkin.counters(devA.scanner, cpB.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(checkin.lookup(devA.scanner, cpB.id, 'Test')).rejects.toMatchObject({ code: 'not_found' });
		await expect(checkin.listCheckpoints(devA.scanner, b.event.id)).rejects.toMatchObject({ code: 'not_found' });
		// B's badge at A's checkpoint: wrong event, and nothing about the person.
		const foreign = await checkin.checkIn(devA.scanner, { code: pb.code, checkpointId: cpA.id, scanId: scanId() });
		expect(foreign).toEqual({ scanId: foreign.scanId, result: 'rejected', reason: 'wrong_event', direction: 'entry', checkpointId: cpA.id, scannedAt: foreign.scannedAt });
		// A's sync holds only A's people.
		const pa = await a.person();
		const sync = await checkin.scannerSync(devA.scanner, a.event.id, null);
		expect(sync.roster.map((r) => r.publicId)).toEqual([pa.reg.publicId]);
		expect(sync.checkpoints.map((c) => c.id)).toEqual([cpA.id]);
	});
});

describe('scanner sync and look-up', () => {
	it('syncs incrementally: roster, revocations, admissions', async () => {
		const f = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const { scanner } = await f.device([cp.id]);
		const p = await f.person();
		const full = await checkin.scannerSync(scanner, f.event.id, null);
		expect(full).toMatchObject({ full: true, key: { kid: expect.any(String), publicKey: expect.any(String), algorithm: 'Ed25519' } });
		expect(full.roster).toEqual([{ publicId: p.reg.publicId, name: p.user.name, nameZh: '张伟', organization: 'Example Labs', categoryId: f.talent.id, status: 'approved', version: 1 }]);
		await new Promise((r) => setTimeout(r, 5));
		// Nothing changed: the next sync (after the overlap window) brings no roster.
		const later = new Date(Date.now() + 60_000);
		expect((await checkin.scannerSync(scanner, f.event.id, later, later)).roster).toEqual([]);
		await badges.reissue(db, p.reg.id);
		const delta = await checkin.scannerSync(scanner, f.event.id, new Date(full.serverTime));
		expect(delta.revocations).toEqual([{ publicId: p.reg.publicId, version: 1 }]);
		expect(delta.roster[0]).toMatchObject({ publicId: p.reg.publicId, version: 2 });
		const found = await checkin.lookup(scanner, cp.id, 'example labs');
		expect(found.map((r) => r.publicId)).toEqual([p.reg.publicId]);
		expect(found[0].code).toMatch(/^HW1:.*:2:/);
	});
});

describe('live dashboard', () => {
	it('notifies subscribers of the event only, and counts arrivals and no-shows', async () => {
		const f = await makeCheckinEvent();
		const g = await makeCheckinEvent();
		const cp = await f.checkpoint();
		const cpG = await g.checkpoint();
		const { scanner } = await f.device([cp.id]);
		const staff = { kind: 'user' as const, actor: await makeUser('staff') };
		let calls = 0;
		const stop = await checkin.subscribe(f.event.id, () => calls++, 50);
		const p = await f.person();
		await f.person();
		await checkin.checkIn(staff, { code: (await g.person()).code, checkpointId: cpG.id, scanId: scanId() });
		await new Promise((r) => setTimeout(r, 300));
		expect(calls).toBe(0);
		await checkin.checkIn(scanner, { code: p.code, checkpointId: cp.id, scanId: scanId() });
		for (let i = 0; i < 40 && calls === 0; i++) await new Promise((r) => setTimeout(r, 50));
		expect(calls).toBe(1);
		await stop();
		const live = await checkin.live(f.organizer, f.event.id);
		expect(live).toMatchObject({ approved: 2, arrived: 1, noShows: 1 });
		expect(live.bins.reduce((s, b) => s + b.n, 0)).toBe(1);
		expect(live.byCategory.find((c) => c.id === f.talent.id)).toMatchObject({ approved: 2, arrived: 1 });
		await expect(checkin.live(await makeUser('staff'), f.event.id)).rejects.toMatchObject({ code: 'forbidden' });
	});
});
