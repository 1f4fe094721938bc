/**
 * A small event for fault tests, written straight into the database before the server starts (the
 * embedded database admits one process at a time): people with API tokens ready to register into a
 * category with few places, approved badges ready to be scanned, one entrance and scanner devices.
 * And a burst runner that fires registrations and scans at a server with bounded concurrency and
 * records exactly which requests were acknowledged.
 */
import type { Db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/auth/tables';
import { events } from '$lib/server/events/tables';
import { categories, registrations } from '$lib/server/registrations/tables';
import { badges } from '$lib/server/badges/tables';
import { checkpoints, devices } from '$lib/server/checkin/tables';
import { eventKey, signCode } from '$lib/server/badges';
import { newPublicId } from '$lib/server/registrations/public-id';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import { TOKEN_PREFIX } from '$lib/server/auth/api-tokens';
import { DEVICE_TOKEN_PREFIX } from '$lib/server/checkin/devices';

export interface Fixture {
	slug: string;
	eventId: string;
	category: { id: string; slug: string; capacity: number };
	checkpointId: string;
	/** One API token per person who has not registered yet. */
	registrants: { userId: string; token: string }[];
	/** Approved registrations with a current badge. */
	badges: { registrationId: string; code: string }[];
	deviceTokens: string[];
	organizerToken: string;
}

export async function seedFixture(db: Db, opts: { registrants: number; capacity: number; badges: number; devices: number; tag: string }): Promise<Fixture> {
	const today = new Date().toISOString().slice(0, 10);
	return db.transaction(async (tx) => {
		const [event] = await tx
			.insert(events)
			.values({
				slug: `fault-${opts.tag}`,
				name: { zh: `故障测试 ${opts.tag}`, en: `Fault test ${opts.tag}` },
				city: { zh: '大连', en: 'Dalian' },
				timeZone: 'UTC',
				startDate: today,
				endDate: today,
				status: 'published'
			})
			.returning();
		const [category] = await tx
			.insert(categories)
			.values({ eventId: event.id, slug: 'burst', name: { zh: '抢位', en: 'Burst' }, capacity: opts.capacity, requiresApproval: false })
			.returning();
		const [open] = await tx
			.insert(categories)
			.values({ eventId: event.id, slug: 'guests', name: { zh: '嘉宾', en: 'Guests' }, capacity: null, requiresApproval: false, position: 1 })
			.returning();
		const [organizer] = await tx
			.insert(users)
			.values({ email: `organizer-${opts.tag}@example.com`, name: 'Fault organizer', role: 'organizer' })
			.returning({ id: users.id });
		const people = await tx
			.insert(users)
			.values(Array.from({ length: opts.registrants + opts.badges }, (_, i) => ({ email: `p${i}-${opts.tag}@example.com`, name: `Person ${i}` })))
			.returning({ id: users.id });
		const registrants = people.slice(0, opts.registrants).map((p) => ({ userId: p.id, token: TOKEN_PREFIX + generateToken() }));
		const organizerToken = TOKEN_PREFIX + generateToken();
		await tx.insert(apiTokens).values([
			...registrants.map((r) => ({ userId: r.userId, name: 'fault test', tokenHash: hashToken(r.token), scopes: ['api'] })),
			{ userId: organizer.id, name: 'fault test', tokenHash: hashToken(organizerToken), scopes: ['api'] }
		]);
		const holders = people.slice(opts.registrants);
		const regs = await tx
			.insert(registrations)
			.values(holders.map((p) => ({ publicId: newPublicId(), eventId: event.id, userId: p.id, categoryId: open.id, status: 'approved' as const })))
			.returning({ id: registrations.id, publicId: registrations.publicId });
		const key = await eventKey(tx, event.id);
		const issued = regs.map((r) => ({ registrationId: r.id, version: 1, eventId: event.id, code: signCode(key, r.publicId, 1) }));
		if (issued.length) await tx.insert(badges).values(issued);
		const [cp] = await tx
			.insert(checkpoints)
			.values({
				eventId: event.id,
				name: { zh: '正门', en: 'Main gate' },
				kind: 'entrance',
				rules: { allowedCategories: [], seatRequired: false, window: null, direction: 'entry', reentryAllowed: false, followRoomSchedule: false }
			})
			.returning({ id: checkpoints.id });
		const deviceTokens = Array.from({ length: opts.devices }, () => DEVICE_TOKEN_PREFIX + generateToken());
		await tx
			.insert(devices)
			.values(deviceTokens.map((t, i) => ({ eventId: event.id, name: `Gate phone ${i + 1}`, checkpointIds: [cp.id], tokenHash: hashToken(t), pairedAt: new Date() })));
		return {
			slug: event.slug,
			eventId: event.id,
			category: { id: category.id, slug: category.slug, capacity: opts.capacity },
			checkpointId: cp.id,
			registrants,
			badges: issued.map((b) => ({ registrationId: b.registrationId, code: b.code })),
			deviceTokens,
			organizerToken
		};
	});
}

/** One write a client makes; `key` names it across retries (a person, or a scan id). */
export interface Op {
	key: string;
	kind: 'register' | 'scan';
	path: string;
	token: string;
	body: unknown;
}

export interface Outcome {
	status: number;
	body: Record<string, unknown>;
}

/** Each registrant registers once; each badge is scanned `scansPerBadge` times, spread over the devices. */
export function burstOps(f: Fixture, scansPerBadge: number, tag: string): Op[] {
	const regs: Op[] = f.registrants.map((r, i) => ({
		key: `reg-${i}`,
		kind: 'register',
		path: `/api/v1/events/${f.slug}/registrations`,
		token: r.token,
		body: { category: f.category.slug, answers: {}, consent: true }
	}));
	const scans: Op[] = [];
	for (let round = 0; round < scansPerBadge; round++)
		f.badges.forEach((b, i) =>
			scans.push({
				key: `scan-${tag}-${i}-${round}`,
				kind: 'scan',
				path: '/api/v1/checkins',
				token: f.deviceTokens[(i + round) % f.deviceTokens.length],
				body: { code: b.code, checkpointId: f.checkpointId, scanId: `scan-${tag}-${i}-${round}` }
			})
		);
	// Interleave the two kinds so a kill lands among both.
	const out: Op[] = [];
	for (let i = 0; i < Math.max(regs.length, scans.length); i++) {
		if (regs[i]) out.push(regs[i]);
		if (scans[i]) out.push(scans[i]);
	}
	return out;
}

export async function send(base: string, op: Op, signal?: AbortSignal): Promise<Outcome> {
	const res = await fetch(base + op.path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${op.token}` },
		body: JSON.stringify(op.body),
		signal
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Runs `ops` against `bases` (round-robin when several) with at most `concurrency` in flight.
 * `onAck` sees every complete answer; once `stop()` returns true no new request starts. Returns
 * the answers received and the ops that got none (connection refused or cut).
 */
export async function runBurst(
	bases: string[],
	ops: Op[],
	opts: { concurrency: number; onAnswer?: (op: Op, o: Outcome, answered: number) => void; stop?: () => boolean }
): Promise<{ answers: Map<string, Outcome>; unanswered: Op[]; failedInFlight: number }> {
	const answers = new Map<string, Outcome>();
	const unanswered: Op[] = [];
	let next = 0;
	let failedInFlight = 0;
	const worker = async () => {
		for (;;) {
			if (opts.stop?.()) break;
			const i = next++;
			if (i >= ops.length) return;
			const op = ops[i];
			try {
				const o = await send(bases[i % bases.length], op);
				answers.set(op.key, o);
				opts.onAnswer?.(op, o, answers.size);
			} catch {
				failedInFlight++;
				unanswered.push(op);
			}
		}
		// Stopped: whatever was not sent is unanswered too.
		while (next < ops.length) unanswered.push(ops[next++]);
	};
	await Promise.all(Array.from({ length: opts.concurrency }, worker));
	return { answers, unanswered, failedInFlight };
}
