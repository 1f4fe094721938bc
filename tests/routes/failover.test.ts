/**
 * The database primary dies during the week (issue 19). A real PostgreSQL primary and a streaming
 * standby (the distribution's binaries, two throw-away clusters on 127.0.0.1), with synchronous
 * replication: a commit is acknowledged only once the standby has it. Two production app instances
 * name both hosts in `DATABASE_URL` with `target_session_attrs=read-write`, so each finds the
 * writable one by itself.
 *
 * Under a burst of registrations and scans spread over both instances, the primary is killed with
 * SIGKILL (postmaster and backends: the machine is gone). The test then acts as the failover manager
 * (what Patroni or pg_auto_failover do): `pg_ctl promote` on the standby. Meanwhile people retry
 * their registrations, and the scanners, finding the server unable to answer, keep admitting
 * offline and queue their scans, which they post (`offline: true`, the device time of the scan)
 * once the server answers again, before any new scan. Neither instance is restarted.
 *
 * In the promoted database: every acknowledged registration and scan, as acknowledged; places
 * never past the capacity; each badge admitted once.
 *
 * Runs in the PostgreSQL pass of the suite (DATABASE_URL set, as in CI's second `npm test`), and
 * skips itself when PostgreSQL's server binaries are absent. It makes its own clusters, so it does
 * not touch the database DATABASE_URL names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { startApp, freePort, type App } from '../helpers/app';
import { pgBinDir, primaryAndStandby } from '../helpers/pg-cluster';
import { burstOps, seedFixture, send, type Fixture, type Op, type Outcome } from '../helpers/burst';
import { openDatabase } from '$lib/server/db';
import { runMigrations } from '$lib/server/db/migrate';
import { registrations } from '$lib/server/registrations/tables';
import { scans } from '$lib/server/checkin/tables';

const bin = process.env.DATABASE_URL ? pgBinDir() : undefined;
const SCANS_PER_BADGE = 2;
/** The operator (or failover manager) notices and promotes after this long. */
const PROMOTE_AFTER_MS = 1500;

let ha: ReturnType<typeof primaryAndStandby> | undefined;
let apps: App[] = [];
let fixture: Fixture;
let ports: [number, number];

const url = (hosts: number[], extra = '') => `postgres://hw@${hosts.map((p) => `127.0.0.1:${p}`).join(',')}/week${extra}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	if (!bin) return;
	ports = [await freePort(), await freePort()];
	ha = primaryAndStandby(bin, ports, { synchronous: true });
	ha.sql(ha.primary, 'create database week');
	const conn = await openDatabase({ databaseUrl: url([ports[0]]), poolMax: 2 });
	try {
		await runMigrations(conn);
		fixture = await seedFixture(conn.db, { registrants: 60, capacity: 20, badges: 30, devices: 2, tag: Date.now().toString(36) });
	} finally {
		await conn.close();
	}
	// Synchronous: the primary counts the standby as its synchronous one before the burst starts.
	for (let i = 0; ha.sql(ha.primary, `select sync_state from pg_stat_replication where application_name = 'standby1'`) !== 'sync'; i++) {
		if (i > 100) throw new Error('standby never became synchronous');
		await sleep(100);
	}
	const databaseUrl = url(ports, '?target_session_attrs=read-write');
	apps = await Promise.all([0, 1].map(() => startApp({ databaseUrl, env: { DEMO_DATA: 'false', RATE_LIMIT: 'off' } })));
}, 180_000);

afterAll(async () => {
	await Promise.all(apps.map((a) => a.stop()));
	ha?.cleanup();
});

describe('the database primary dies', () => {
	it.skipIf(!bin)('the standby is promoted, both instances carry on by themselves, no acknowledged write is lost', async () => {
		const h = ha!;
		const ops = burstOps(fixture, SCANS_PER_BADGE, 'fo');
		const acked = new Map<string, Outcome>();
		const t0 = Date.now();
		let killedAt = 0;
		let promotedAt = 0;
		let firstWriteAfter = 0;
		let refusedDuringOutage = 0;
		let offlineScans = 0;

		// ---- the scanners' offline queue: while the server cannot answer, scans are admitted on the
		// device and queued; once it answers, the queue is posted in order before new scans.
		const queue: Op[] = [];
		let offline = false;
		let flushing: Promise<void> | null = null;
		const flush = async () => {
			while (queue.length) {
				const op = queue[0];
				let o: Outcome | null = null;
				try {
					o = await send(apps[0].url, op, AbortSignal.timeout(15_000));
				} catch {
					/* still away */
				}
				if (!o || o.status >= 500) {
					if (Date.now() - t0 > 90_000) throw new Error(`offline queue: no answer for ${op.key}`);
					await sleep(200);
					continue;
				}
				acked.set(op.key, o);
				queue.shift();
			}
			offline = false;
		};
		const scan = async (op: Op, i: number) => {
			if (!offline) {
				try {
					const o = await send(apps[i % 2].url, op, AbortSignal.timeout(15_000));
					if (o.status < 500) return void acked.set(op.key, o);
					refusedDuringOutage++;
				} catch {
					refusedDuringOutage++;
				}
				offline = true;
			}
			offlineScans++;
			queue.push({ ...op, body: { ...(op.body as object), offline: true, scannedAt: new Date().toISOString() } });
			flushing ??= flush().finally(() => (flushing = null));
		};
		const register = async (op: Op, i: number) => {
			let last = '';
			for (let attempt = 0; ; attempt++) {
				try {
					const sentAt = Date.now();
					const o = await send(apps[(i + attempt) % 2].url, op, AbortSignal.timeout(15_000));
					if (o.status < 500) {
						// The first registration sent after the promotion and answered: the app has found the new primary.
						if (promotedAt && sentAt >= promotedAt && !firstWriteAfter) firstWriteAfter = Date.now();
						return void acked.set(op.key, o);
					}
					last = `${o.status} ${JSON.stringify(o.body)}`;
					refusedDuringOutage++;
				} catch (e) {
					last = String((e as Error).cause ?? e);
					refusedDuringOutage++;
				}
				if (Date.now() - t0 > 60_000) throw new Error(`${op.key}: no answer for a minute (${last})`);
				await sleep(200);
			}
		};

		// ---- the burst; the primary dies a third of the way in, and is replaced 1.5 s later
		let next = 0;
		const killAt = Math.floor(ops.length / 3);
		const worker = async () => {
			for (;;) {
				const i = next++;
				if (i >= ops.length) return;
				if (i === killAt) {
					killedAt = Date.now();
					h.primary.kill();
					setTimeout(() => {
						h.standby.promote();
						// The promoted server inherited synchronous_standby_names from the primary it was copied
						// from: with no standby left, every commit would wait forever. Until a new standby joins,
						// it runs alone (what Patroni's non-strict synchronous_mode does).
						h.sql(h.standby, `alter system set synchronous_standby_names = ''`);
						h.sql(h.standby, 'select pg_reload_conf()');
						promotedAt = Date.now();
					}, PROMOTE_AFTER_MS);
				}
				await (ops[i].kind === 'scan' ? scan(ops[i], i) : register(ops[i], i));
				// A steady stream rather than one instant: the outage lands among requests.
				await sleep(15);
			}
		};
		await Promise.all(Array.from({ length: 8 }, worker));
		while (flushing) await flushing;
		expect(killedAt).toBeGreaterThan(0);
		expect(promotedAt).toBeGreaterThan(0);

		// Both instances are healthy again without a restart, and are on the promoted server.
		for (const app of apps) {
			expect(app.proc.exitCode).toBe(null);
			const r = await fetch(`${app.url}/healthz`);
			expect([r.status, await r.json()]).toEqual([200, { status: 'ok' }]);
		}
		expect(h.sql(h.standby, 'select pg_is_in_recovery()')).toBe('f');

		// ---- every write was answered (after retries) and every acknowledged one is in the promoted database
		expect(acked.size).toBe(ops.length);
		const conn = await openDatabase({ databaseUrl: url([ports[1]]), poolMax: 2 });
		try {
			const { db } = conn;
			const regRows = await db.select().from(registrations).where(eq(registrations.categoryId, fixture.category.id));
			const regById = new Map(regRows.map((r) => [r.id, r]));
			const scanRows = await db.select().from(scans).where(eq(scans.eventId, fixture.eventId));
			const scanById = new Map(scanRows.map((s) => [s.scanId, s]));
			const lost: string[] = [];
			for (const op of ops) {
				const o = acked.get(op.key)!;
				if (op.kind === 'register') {
					expect([op.key, o.status === 201 || (o.body.error as { code: string })?.code === 'already_registered']).toEqual([op.key, true]);
					const id = (o.status === 201 ? o.body.id : (o.body.error as { details: { id: string } }).details.id) as string;
					const row = regById.get(id);
					if (!row || row.userId !== fixture.registrants[Number(op.key.slice(4))].userId || (o.status === 201 && row.status !== o.body.status)) lost.push(op.key);
				} else {
					expect([op.key, o.status]).toEqual([op.key, 200]);
					const row = scanById.get((op.body as { scanId: string }).scanId);
					if (!row || row.result !== o.body.result || !isDeepStrictEqual(row.answer, o.body)) lost.push(op.key);
				}
			}
			const { capacity } = fixture.category;
			const accepted = regRows.filter((r) => r.status === 'approved' || r.status === 'pending');
			const admitted = await db
				.select({ registrationId: scans.registrationId, n: sql<number>`count(*)::int` })
				.from(scans)
				.where(and(eq(scans.eventId, fixture.eventId), eq(scans.result, 'admitted')))
				.groupBy(scans.registrationId);
			const s = (ms: number) => (ms / 1000).toFixed(1);
			console.log(
				`[failover] ${ops.length} writes over 2 instances; primary SIGKILLed at ${s(killedAt - t0)} s, promoted ${s(promotedAt - killedAt)} s later; ` +
					`first registration sent after the promotion answered ${s(firstWriteAfter - promotedAt)} s after it; ${refusedDuringOutage} attempts refused meanwhile (503 or cut); ` +
					`${offlineScans} scans admitted offline and synced after; ${acked.size} acknowledged, ${lost.length} lost`
			);
			expect(lost).toEqual([]);
			expect(refusedDuringOutage).toBeGreaterThan(0);
			expect(offlineScans).toBeGreaterThan(0);
			expect(regRows).toHaveLength(fixture.registrants.length);
			expect(accepted.length).toBe(capacity);
			expect(admitted.map((a) => [a.registrationId, a.n]).sort()).toEqual(fixture.badges.map((b) => [b.registrationId, 1]).sort());
			expect(scanRows).toHaveLength(fixture.badges.length * SCANS_PER_BADGE);
		} finally {
			await conn.close();
		}
	}, 180_000);
});
