/**
 * Two production servers on one PostgreSQL behind the test's own round-robin (issue 8): the check-in
 * race across both (many simultaneous scans of the same badges by two devices, split over both
 * instances, admit each badge exactly once), and live dashboard events (Server-Sent Events fed by
 * LISTEN/NOTIFY) reaching clients of each instance when a scan lands on the other. The registration
 * race across two instances is `registration-race.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startApp, freshDatabaseUrl, dropDatabase, type App } from '../helpers/app';
import { onPostgres } from '../helpers/db';
import { seedFixture, send, type Fixture, type Op } from '../helpers/burst';
import { openDatabase, type Connection } from '$lib/server/db';
import { users } from '$lib/server/auth/tables';
import { scans } from '$lib/server/checkin/tables';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { hashToken } from '$lib/server/auth/tokens';
import { devices } from '$lib/server/checkin/tables';
import { release } from '$lib/server/schedule/editor';
import { revokeDevice } from '$lib/server/checkin/devices';

let apps: App[] = [];
let conn: Connection;
let databaseUrl: string;
let fixture: Fixture;

/** One browser tab on the live dashboard of one instance, collecting the `live` events it receives. */
async function liveClient(app: App, cookie: string, slug: string) {
	const ctrl = new AbortController();
	const res = await fetch(`${app.url}/organizer/events/${slug}/live/stream`, { headers: { cookie }, signal: ctrl.signal });
	expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
	const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
	const events: { arrived: number; recent: { device: string | null; result: string }[] }[] = [];
	let buffer = '';
	let subscribed = false;
	const pump = (async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				buffer += value;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					// The stream says `retry:` once its LISTEN is in place.
					if (block.startsWith('retry:')) subscribed = true;
					const data = /^event: live\ndata: (.*)$/m.exec(block)?.[1];
					if (data) events.push(JSON.parse(data));
				}
			}
		} catch {
			/* aborted */
		}
	})();
	const until = async (what: string, ok: () => boolean, ms = 10_000) => {
		const deadline = Date.now() + ms;
		while (!ok()) {
			if (Date.now() > deadline) throw new Error(`${app.url}: no ${what} within ${ms} ms (got ${JSON.stringify(events.map((e) => e.arrived))})`);
			await new Promise((r) => setTimeout(r, 25));
		}
	};
	await until('subscription', () => subscribed);
	return {
		events,
		/** Waits for a live event showing `arrived` people in. */
		waitFor: (arrived: number) => until(`event with ${arrived} arrived`, () => events.some((e) => e.arrived === arrived)).then(() => events.find((e) => e.arrived === arrived)!),
		async close() {
			ctrl.abort();
			await pump;
		}
	};
}

const scanOp = (f: Fixture, badge: number, device: number, scanId: string): Op => ({
	key: scanId,
	kind: 'scan',
	path: '/api/v1/checkins',
	token: f.deviceTokens[device],
	body: { code: f.badges[badge].code, checkpointId: f.checkpointId, scanId }
});

describe.skipIf(!onPostgres)('two app instances on one PostgreSQL (needs DATABASE_URL: the embedded database is one process by design)', () => {
	beforeAll(async () => {
		databaseUrl = (await freshDatabaseUrl())!;
		conn = await openDatabase({ databaseUrl, poolMax: 4 });
		fixture = await seedFixture(conn.db, { registrants: 0, capacity: 0, badges: 6, devices: 2, tag: `multi${Date.now().toString(36)}` });
		const env = { DEMO_DATA: 'false' };
		apps = await Promise.all([startApp({ databaseUrl, env }), startApp({ databaseUrl, env })]);
	}, 120_000);
	afterAll(async () => {
		await Promise.all(apps.map((a) => a.stop()));
		apps = [];
		await conn?.close();
		await dropDatabase(databaseUrl);
	});

	it('admits each badge exactly once when two devices scan it at once through both instances', async () => {
		const BADGES = 4;
		const SCANS = 24;
		const ops: Op[] = [];
		for (let b = 0; b < BADGES; b++) for (let i = 0; i < SCANS; i++) ops.push(scanOp(fixture, b, (i >> 1) % 2, `race-${b}-${i}`));
		// Round-robin: request i goes to instance i % 2, so each device's scans hit both.
		const answers = await Promise.all(ops.map((op, i) => send(apps[i % 2].url, op)));
		expect(answers.map((a) => a.status)).toEqual(ops.map(() => 200));
		for (let b = 0; b < BADGES; b++) {
			const mine = answers.map((a, i) => ({ a: a.body as { result: string; scannedAt: string; firstAdmission?: { at: string; deviceName: string } }, i })).filter(({ i }) => ops[i].key.startsWith(`race-${b}-`));
			const admitted = mine.filter(({ a }) => a.result === 'admitted');
			expect(admitted).toHaveLength(1);
			const winner = admitted[0];
			const device = `Gate phone ${((winner.i % SCANS) >> 1) % 2 + 1}`;
			// Every other scan is told who got in first, where and when.
			for (const { a } of mine.filter((m) => m !== winner)) {
				expect(a.result).toBe('already_admitted');
				expect(a.firstAdmission).toMatchObject({ at: winner.a.scannedAt, deviceName: device });
			}
		}
		const rows = await conn.db
			.select({ registrationId: scans.registrationId, admitted: sql<number>`count(*) filter (where ${scans.result} = 'admitted')::int`, n: sql<number>`count(*)::int` })
			.from(scans)
			.where(and(eq(scans.eventId, fixture.eventId), sql`${scans.scanId} like 'race-%'`))
			.groupBy(scans.registrationId);
		expect(rows.map((r) => [r.registrationId, r.admitted, r.n]).sort()).toEqual(fixture.badges.slice(0, BADGES).map((b) => [b.registrationId, 1, SCANS]).sort());
	});

	it('sends live dashboard events to clients of both instances when a scan lands on either', async () => {
		const [organizer] = await conn.db
			.insert(users)
			.values({ email: `live-${Date.now().toString(36)}@example.com`, name: 'Live organizer', role: 'organizer' })
			.returning({ id: users.id });
		const { token } = await createSession(organizer.id, { executor: conn.db });
		const cookie = `${SESSION_COOKIE}=${token}`;
		const [onA, onB] = await Promise.all(apps.map((a) => liveClient(a, cookie, fixture.slug)));
		try {
			// Before any scan, nothing is pushed.
			await new Promise((r) => setTimeout(r, 300));
			expect([onA.events.length, onB.events.length]).toEqual([0, 0]);
			const before = (await conn.db.select({ n: sql<number>`count(distinct ${scans.registrationId})::int` }).from(scans).where(and(eq(scans.eventId, fixture.eventId), eq(scans.result, 'admitted'))))[0].n;

			// A scan by device 1 on instance A reaches the dashboard open on B (and on A).
			expect((await send(apps[0].url, scanOp(fixture, 4, 0, `live-a-${Date.now()}`))).body).toMatchObject({ result: 'admitted' });
			for (const client of [onB, onA]) expect((await client.waitFor(before + 1)).recent[0]).toMatchObject({ result: 'admitted', device: 'Gate phone 1' });

			// And the other way round: device 2 on instance B, seen on A.
			expect((await send(apps[1].url, scanOp(fixture, 5, 1, `live-b-${Date.now()}`))).body).toMatchObject({ result: 'admitted' });
			for (const client of [onA, onB]) expect((await client.waitFor(before + 2)).recent[0]).toMatchObject({ result: 'admitted', device: 'Gate phone 2' });
		} finally {
			await Promise.all([onA.close(), onB.close()]);
		}
	});

	it('drops cached releases and revoked devices on every instance at once (broadcast invalidation)', async () => {
		const [row] = await conn.db
			.insert(users)
			.values({ email: `inval-${Date.now().toString(36)}@example.com`, name: 'Cache organizer', role: 'organizer' })
			.returning({ id: users.id });
		const organizer = { id: row.id, role: 'organizer' as const, partnerId: null, email: 'x@example.com', name: 'Cache organizer', locale: 'en' as const };
		const etagOn = async (app: App) => {
			const res = await fetch(`${app.url}/events/${fixture.slug}/program.ics`);
			await res.arrayBuffer();
			expect(res.status).toBe(200);
			return res.headers.get('etag')!;
		};
		/** Polls until `ok`, returning how long it took; caches alone would take 30 s (releases) or 5 s (devices). */
		const within = async (ok: () => Promise<boolean>, ms = 2_000) => {
			const t0 = Date.now();
			while (!(await ok())) {
				if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
				await new Promise((r) => setTimeout(r, 20));
			}
			return Date.now() - t0;
		};

		await release(organizer, fixture.eventId, { name: 'v1', note: null, overrides: {} });
		const first = await Promise.all(apps.map(etagOn));
		expect(first[0]).toBe(first[1]);
		// Both instances now hold v1 in memory; v2 is released by a third process (this test).
		await release(organizer, fixture.eventId, { name: 'v2', note: null, overrides: {} });
		for (const app of apps) expect(await within(async () => (await etagOn(app)) !== first[0])).toBeLessThan(2_000);
		const second = await Promise.all(apps.map(etagOn));
		expect(second[0]).toBe(second[1]);

		// A device both instances have cached is refused by both as soon as it is revoked.
		const token = fixture.deviceTokens[1];
		for (const [i, app] of apps.entries()) expect((await send(app.url, scanOp(fixture, 0, 1, `warm-${i}-${Date.now()}`))).status).toBe(200);
		const [device] = await conn.db.select({ id: devices.id }).from(devices).where(eq(devices.tokenHash, hashToken(token)));
		await revokeDevice(organizer, fixture.eventId, device.id);
		for (const [i, app] of apps.entries()) {
			expect(await within(async () => (await send(app.url, scanOp(fixture, 0, 1, `revoked-${i}-${Date.now()}`))).status === 401)).toBeLessThan(2_000);
		}
	});
});
