/**
 * Admission control: a bound on the work in flight, so a crowd meets a 503 with `Retry-After`
 * instead of a process that runs out of memory (issue 19: 32 signed-in visitors on the bench
 * week's program page held ~30 renders at once and crossed the 160 MB heap cap in 5 s).
 *
 * Three lanes, each a counting semaphore with a short bounded queue:
 *   - `pages`: server-rendered HTML pages and their `__data.json` (a program page of 300 sessions
 *     holds several MB while it renders and until its body is sent);
 *   - `heavy`: printable badges (PDF: the CJK font is parsed and subset per badge, tens of MB and
 *     most of a second of CPU each) and CSV exports;
 *   - `other`: the JSON API, feeds, badge images and form posts.
 * A request holds its slot until its response body has been handed to the socket (or cancelled),
 * so what is held in memory is bounded by the lane's size, not by the number of visitors.
 * Past the lane and its queue (or after waiting `QUEUE_WAIT_MS`), the answer is 503: the
 * contract's JSON error `overloaded` on machine paths, a small localized page otherwise.
 *
 * Never limited: `/healthz` (a load balancer must see the truth), check-in scans and the scanner's
 * look-ups and sync (the door must keep working), and the live dashboard's event stream (a
 * long-lived connection that holds almost nothing). Anonymous program pages served from memory
 * (`page-cache.ts`) are answered before this hook runs.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime.js';
import { apiError } from './api';
import { unavailablePage } from './unavailable';
import { log } from '../log';
import type { Locale } from '$lib/i18n/text';

export class Lane {
	active = 0;
	rejected = 0;
	private waiting: { grant: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];

	constructor(
		readonly name: string,
		readonly size: number,
		readonly maxQueue: number,
		readonly maxWaitMs: number
	) {}

	get queued() {
		return this.waiting.length;
	}

	/** A slot now (true), a promise of one (resolving false when refused or timed out), or false at once when the queue is full. */
	acquire(): boolean | Promise<boolean> {
		if (this.active < this.size) {
			this.active++;
			return true;
		}
		if (this.waiting.length >= this.maxQueue) {
			this.rejected++;
			return false;
		}
		return new Promise<boolean>((resolve) => {
			const entry = {
				grant: resolve,
				timer: setTimeout(() => {
					const i = this.waiting.indexOf(entry);
					if (i >= 0) this.waiting.splice(i, 1);
					this.rejected++;
					resolve(false);
				}, this.maxWaitMs)
			};
			this.waiting.push(entry);
		});
	}

	release() {
		const next = this.waiting.shift();
		if (next) {
			// The slot passes straight to the oldest waiter.
			clearTimeout(next.timer);
			next.grant(true);
		} else this.active--;
	}
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Math.floor(Number(v)) : d);
const WAIT_MS = num(process.env.QUEUE_WAIT_MS, 5000);
/** See docs/PERFORMANCE.md ("Admission control") for how these numbers were chosen. */
export const lanes = {
	pages: new Lane('pages', num(process.env.MAX_RENDERS, 4), num(process.env.MAX_QUEUED, 64), WAIT_MS),
	heavy: new Lane('heavy', num(process.env.MAX_HEAVY, 2), num(process.env.MAX_QUEUED, 64), WAIT_MS),
	other: new Lane('other', num(process.env.MAX_REQUESTS, 16), num(process.env.MAX_QUEUED, 64) * 2, WAIT_MS)
};
/** Seconds a refused client is told to wait. */
const RETRY_AFTER = String(Math.max(1, Math.ceil(WAIT_MS / 1000)));
/** A body still not sent after this long gives its slot back anyway (a stalled client must not hold the lane). */
const HOLD_MAX_MS = 30_000;

const MACHINE = /^\/api\/|\.(ics|json|xml|svg|png|pdf|csv)$/;
const HEAVY = /\.(pdf|csv)$/;
const EXEMPT = /^\/(healthz$|api\/v1\/(checkins$|checkpoints\/[^/]+\/(counters|lookup)$|events\/[^/]+\/scanner-sync$|devices\/pair$)|organizer\/events\/[^/]+\/live\/stream$)/;

export function laneOf(pathname: string, method: string): Lane | null {
	if (EXEMPT.test(pathname)) return null;
	if (HEAVY.test(pathname)) return lanes.heavy;
	if ((method === 'GET' || method === 'HEAD') && (!MACHINE.test(pathname) || pathname.endsWith('/__data.json'))) return lanes.pages;
	return lanes.other;
}

/** Hands the slot back once the body has been read to its end or cancelled (or after HOLD_MAX_MS). */
function holdUntilSent(response: Response, release: () => void): Response {
	const body = response.body;
	if (!body) {
		release();
		return response;
	}
	const timer = setTimeout(release, HOLD_MAX_MS);
	timer.unref();
	const done = () => {
		clearTimeout(timer);
		release();
	};
	const reader = body.getReader();
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { value, done: end } = await reader.read();
				if (end) {
					done();
					controller.close();
				} else controller.enqueue(value);
			} catch (e) {
				done();
				controller.error(e);
			}
		},
		cancel(reason) {
			done();
			return reader.cancel(reason);
		}
	});
	return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function overloaded(event: RequestEvent, lane: Lane): Response {
	const locale = (event.locals.locale ?? extractLocaleFromRequest(event.request)) as Locale;
	event.locals.locale = locale;
	if (lane.rejected % 100 === 1) log.warn({ msg: 'overloaded: refusing requests', lane: lane.name, active: lane.active, queued: lane.queued, rejected: lane.rejected });
	const res = MACHINE.test(event.url.pathname)
		? apiError(event, 503, 'overloaded', { details: { retryAfter: Number(RETRY_AFTER) } })
		: unavailablePage(locale, event.locals.requestId, { title: 'err_overloaded_title', body: 'err_overloaded_body', retryAfter: RETRY_AFTER });
	res.headers.set('retry-after', RETRY_AFTER);
	res.headers.set('cache-control', 'no-store');
	return res;
}

export const admission: Handle = async ({ event, resolve }) => {
	const lane = laneOf(event.url.pathname, event.request.method);
	if (!lane) return resolve(event);
	const slot = lane.acquire();
	if (!(slot === true || (slot !== false && (await slot)))) return overloaded(event, lane);
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		lane.release();
	};
	try {
		return holdUntilSent(await resolve(event), release);
	} catch (e) {
		release();
		throw e;
	}
};

