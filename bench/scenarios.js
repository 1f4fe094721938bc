/**
 * Load scenarios. Each: `title`, `name`, `target` (minimum throughput as a fraction of the no-op
 * endpoint measured in the same run), optional `p99Max` (ms), `warmup: false` (no second of load
 * before the measurement), `setup(ctx)`, `request(ctx, prepared)`
 * (autocannon options), `verify(ctx, prepared, result)` → `{ ok, note }`.
 *
 * The app was started with DEMO_DATA=bench: 300 sessions, 5,000 approved registrations with badges,
 * 20 checkpoints, a paired scanner device and 1,000 people ready for a registration rush; what the
 * load generator needs is in DATA_DIR/bench.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** Badges of the bench week admitted once before the re-scan scenario (the first-admission scenario never scans them). */
const RESCAN_BADGES = 500;

const handoff = (ctx) => (ctx.handoff ??= JSON.parse(fs.readFileSync(path.join(ctx.env.DATA_DIR, 'bench.json'), 'utf8')));
const json = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

async function etagOf(url, headers = {}) {
	const r = await fetch(url, { headers });
	await r.arrayBuffer();
	const etag = r.headers.get('etag');
	if (r.status !== 200 || !etag) throw new Error(`${url}: ${r.status}, etag ${etag}`);
	return etag;
}

export const scenarios = [
	{
		name: 'checkin',
		title: 'check-in scan, first admission (device token, group commit, audit row)',
		target: 0.6,
		p99Max: 25,
		setup(ctx) {
			const h = handoff(ctx);
			// The badges kept back for the re-scan scenario are not scanned here.
			return { h: { ...h, codes: h.codes.slice(0, h.codes.length - RESCAN_BADGES) }, i: 0 };
		},
		request(ctx, p) {
			const url = `${ctx.url}/api/v1/checkins`;
			return {
				url,
				method: 'POST',
				headers: json(p.h.deviceToken),
				requests: [
					{
						setupRequest(req) {
							// Each badge once, then again: later scans answer already_admitted.
							const code = p.h.codes[p.i++ % p.h.codes.length];
							return { ...req, body: JSON.stringify({ code, checkpointId: p.h.checkpointId, scanId: randomUUID(), scannedAt: new Date().toISOString() }) };
						}
					}
				]
			};
		},
		async verify(ctx, p, result) {
			const r = await fetch(`${ctx.url}/api/v1/checkpoints/${p.h.checkpointId}/counters`, { headers: json(p.h.deviceToken) });
			const c = await r.json();
			const admitted = c.admittedToday;
			// Every answered scan of a new badge admitted it; scans cut off when the run ended may or may not
			// have reached the server. No badge can be admitted twice (proved by the race tests).
			const answered = Math.min(result.total, p.h.codes.length);
			const sent = Math.min(p.i, p.h.codes.length);
			return { ok: admitted >= answered && admitted <= sent, note: `${admitted} admitted; ${answered} new badges answered, ${sent} sent` };
		}
	},
	{
		// Badges admitted once in the setup, then scanned again and again: every answer already_admitted.
		name: 'rescan',
		title: 'check-in re-scan (already admitted)',
		target: 0.8,
		async setup(ctx) {
			const h = handoff(ctx);
			const codes = h.codes.slice(h.codes.length - RESCAN_BADGES);
			for (let i = 0; i < codes.length; i += 50) {
				await Promise.all(
					codes.slice(i, i + 50).map(async (code) => {
						const r = await fetch(`${ctx.url}/api/v1/checkins`, { method: 'POST', headers: json(h.deviceToken), body: JSON.stringify({ code, checkpointId: h.checkpointId, scanId: randomUUID() }) });
						const a = await r.json();
						if (a.result !== 'admitted') throw new Error(`re-scan setup: ${r.status} ${JSON.stringify(a)}`);
					})
				);
			}
			const before = await (await fetch(`${ctx.url}/api/v1/checkpoints/${h.checkpointId}/counters`, { headers: json(h.deviceToken) })).json();
			return { h, codes, i: 0, before: before.admittedToday };
		},
		request(ctx, p) {
			return {
				url: `${ctx.url}/api/v1/checkins`,
				method: 'POST',
				headers: json(p.h.deviceToken),
				requests: [
					{
						setupRequest(req) {
							const code = p.codes[p.i++ % p.codes.length];
							return { ...req, body: JSON.stringify({ code, checkpointId: p.h.checkpointId, scanId: randomUUID(), scannedAt: new Date().toISOString() }) };
						}
					}
				]
			};
		},
		async verify(ctx, p, result) {
			const c = await (await fetch(`${ctx.url}/api/v1/checkpoints/${p.h.checkpointId}/counters`, { headers: json(p.h.deviceToken) })).json();
			const ok = c.admittedToday === p.before && result.statusCodes?.['200']?.count === result.total;
			return { ok, note: `admitted ${p.before} before, ${c.admittedToday} after` };
		}
	},
	{
		name: 'rush',
		title: 'registration rush: 1,000 people, a category of 300',
		target: 0.5,
		warmup: false,
		once: true,
		setup(ctx) {
			return { h: handoff(ctx), i: 0 };
		},
		request(ctx, p) {
			return {
				url: `${ctx.url}/api/v1/events/${p.h.slug}/registrations`,
				method: 'POST',
				amount: p.h.rush.tokens.length,
				requests: [
					{
						setupRequest(req) {
							const token = p.h.rush.tokens[p.i++];
							return { ...req, headers: json(token), body: JSON.stringify({ category: p.h.rush.category, answers: {} }) };
						}
					}
				]
			};
		},
		async verify(ctx, p) {
			const r = await fetch(`${ctx.url}/api/v1/events/${p.h.slug}/registrations?category=${p.h.rush.category}&pageSize=1`, { headers: json(p.h.organizerToken) });
			const body = await r.json();
			const c = body.counts ?? {};
			const accepted = (c.approved ?? 0) + (c.pending ?? 0);
			const ok = accepted === p.h.rush.capacity && (c.waitlisted ?? 0) === p.h.rush.tokens.length - p.h.rush.capacity;
			return { ok, note: `${accepted} accepted, ${c.waitlisted ?? 0} waitlisted` };
		}
	},
	{
		// What a phone sends: a language and gzip. Anonymous pages are rendered once per minute and
		// release, then served from memory (src/lib/server/http/page-cache.ts).
		name: 'program',
		title: 'program page, 300 sessions, server-rendered (anonymous, gzip)',
		target: 0.15,
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}?day=all`, headers: { 'accept-language': 'en', 'accept-encoding': 'gzip' } })
	},
	{
		name: 'program-plain',
		title: 'program page, anonymous, without compression (590 KB)',
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}?day=all`, headers: { 'accept-language': 'en' } })
	},
	{
		name: 'program-signed-in',
		title: 'program page, signed in (rendered on every request)',
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}?day=all`, headers: { 'accept-language': 'en', 'accept-encoding': 'gzip', cookie: `hw_session=${p.h.attendeeSession}` } })
	},
	{
		// Issue 18: a signed-in visitor's default view (one day). The page is rendered once per role and
		// served from memory with the person's stars laid over it (src/lib/server/http/page-cache.ts).
		name: 'program-signed-in-day',
		title: 'program page, signed in, default day (gzip)',
		target: 0.25,
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}`, headers: { 'accept-language': 'en', 'accept-encoding': 'gzip', cookie: `hw_session=${p.h.attendeeSession}` } }),
		async verify(ctx, p) {
			const r = await fetch(`${ctx.url}/events/${p.h.slug}`, { headers: { 'accept-language': 'en', 'accept-encoding': 'gzip', cookie: `hw_session=${p.h.attendeeSession}` } });
			const html = await r.text();
			// fetch decodes the body; the wire size is the content-length of the gzip.
			const kb = Number(r.headers.get('content-length')) / 1024;
			const ok = r.headers.get('content-encoding') === 'gzip' && kb <= 60 && html.includes('id="hw-personal"');
			return { ok, note: `${kb.toFixed(1)} KB gzip over the wire (${(html.length / 1024).toFixed(0)} KB of HTML), overlay ${html.includes('id="hw-personal"') ? 'present' : 'missing'}` };
		}
	},
	{
		// What the signed-in pages cannot go below: the no-op endpoint with a session cookie (one
		// session look-up in the database per request).
		name: 'ping-signed-in',
		title: 'no-op endpoint with a session cookie (session look-up)',
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/api/v1/ping`, headers: { cookie: `hw_session=${p.h.attendeeSession}` } })
	},
	{
		// Issue 18: a session page, signed in (a session without seat booking: those show the person's
		// booking and the seats left, and are rendered per person).
		name: 'session-signed-in',
		title: 'session page, signed in (gzip)',
		target: 0.25,
		async setup(ctx) {
			const h = handoff(ctx);
			const r = await fetch(`${ctx.url}/api/v1/events/${h.slug}/sessions?pageSize=200`);
			const body = await r.json();
			const s = body.sessions.find((x) => !x.requiresBooking && x.kind !== 'break');
			if (!s) throw new Error('no session without booking');
			return { h, code: s.code };
		},
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}/sessions/${p.code}`, headers: { 'accept-language': 'en', 'accept-encoding': 'gzip', cookie: `hw_session=${p.h.attendeeSession}` } })
	},
	{
		name: 'program-304',
		title: 'program page with a matching ETag (304)',
		target: 0.8,
		async setup(ctx) {
			const h = handoff(ctx);
			const url = `${ctx.url}/events/${h.slug}?day=all`;
			return { url, etag: await etagOf(url, { 'accept-language': 'en' }) };
		},
		request: (ctx, p) => ({ url: p.url, headers: { 'accept-language': 'en', 'if-none-match': p.etag }, expectNon2xx: true })
	},
	{
		name: 'ics',
		title: 'program.ics, 300 sessions (gzip)',
		target: 0.15,
		setup: (ctx) => ({ h: handoff(ctx) }),
		// Calendar apps poll with gzip.
		request: (ctx, p) => ({ url: `${ctx.url}/events/${p.h.slug}/program.ics`, headers: { 'accept-encoding': 'gzip' } })
	},
	{
		name: 'ics-304',
		title: 'program.ics with a matching ETag (304)',
		target: 0.8,
		async setup(ctx) {
			const h = handoff(ctx);
			const url = `${ctx.url}/events/${h.slug}/program.ics`;
			return { url, etag: await etagOf(url) };
		},
		request: (ctx, p) => ({ url: p.url, headers: { 'if-none-match': p.etag }, expectNon2xx: true })
	},
	{
		name: 'badge-svg',
		title: 'badge QR as SVG',
		target: 0.3,
		setup: (ctx) => ({ h: handoff(ctx) }),
		request: (ctx, p) => ({ url: `${ctx.url}/api/v1/registrations/${p.h.registrationId}/badge.svg`, headers: { authorization: `Bearer ${p.h.organizerToken}` } })
	},
	{
		name: 'events-api',
		title: 'GET /api/v1/events (one query)',
		request: (ctx) => ({ url: `${ctx.url}/api/v1/events` })
	},
	...listScenarios()
];

/**
 * The organizer's registration list (`GET /api/v1/events/{slug}/registrations`), one request at a
 * time as an organizer works: latency, not throughput. p95 of 60 sequential requests after 5 warm
 * ones; the target is p95 < 50 ms (issue 18, on the scale week).
 */
function listScenarios() {
	const queries = {
		'list-default': () => '',
		'list-last-page': () => 'page=90&pageSize=50',
		'list-search-name': (h) => `q=${encodeURIComponent(h.listSearch?.name ?? 'Person 4711')}`,
		'list-search-none': () => 'q=nobody-has-this-name',
		'list-search-id': (h) => `q=${h.listSearch?.publicId ?? ''}`,
		'list-filter-status': () => 'status=approved&sort=name',
		'list-filter-category': (h) => `category=${h.categorySlug}&status=approved`,
		'list-checked-in': () => 'checkedIn=yes',
		'list-not-checked-in': () => 'checkedIn=no&sort=-seq'
	};
	return Object.entries(queries).map(([name, q]) => ({
		name,
		title: `organizer list: ${name.slice(5).replace(/-/g, ' ')} (one at a time)`,
		p95Max: 50,
		async setup(ctx) {
			return { h: handoff(ctx) };
		},
		async measure(ctx, p) {
			const url = `${ctx.url}/api/v1/events/${p.h.slug}/registrations?${q(p.h)}`;
			const headers = { authorization: `Bearer ${p.h.organizerToken}` };
			const times = [];
			let errors = 0;
			let total;
			for (let i = 0; i < 65; i++) {
				const t0 = performance.now();
				const r = await fetch(url, { headers });
				const body = await r.json();
				if (i >= 5) times.push(performance.now() - t0);
				if (r.status !== 200) errors++;
				total = body.total;
			}
			times.sort((a, b) => a - b);
			const at = (f) => Math.round(times[Math.min(times.length - 1, Math.floor(f * times.length))] * 10) / 10;
			return { rps: Math.round(1000 / (times.reduce((a, b) => a + b, 0) / times.length)), p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, total: times.length, check: { ok: errors === 0 && at(0.95) < 50, note: `p95 ${at(0.95)} ms, ${total} rows match` } };
		}
	}));
}
