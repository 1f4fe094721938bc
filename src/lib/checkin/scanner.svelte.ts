/**
 * The scanner page's state: online/offline, the queue of scans waiting for the server, the synced
 * data for offline answers. Online, a scan goes to `POST /api/v1/checkins`; offline (or when the
 * network fails), it is decided on the phone with the same rules and queued; the queue is uploaded
 * with the original scan ids and times as soon as the network returns, and the server's answer
 * replaces the phone's when they differ.
 */
import { kv, queue, type QueuedScan } from './store';
import { decideOffline, mergeSync, nowIso, type DeviceInfo, type I18n, type SyncData, type SyncResponse } from './offline';
import type { ScanAnswer } from './types';

export type { SyncData, SyncCheckpoint, DeviceInfo } from './offline';

const DEVICE_KEY = 'hw_device';
export function device(): DeviceInfo | null {
	try {
		return JSON.parse(localStorage.getItem(DEVICE_KEY) ?? 'null');
	} catch {
		return null;
	}
}
export function saveDevice(d: DeviceInfo) {
	localStorage.setItem(DEVICE_KEY, JSON.stringify(d));
}

export function uuid(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

export class Scanner {
	online = $state(true);
	waiting = $state(0);
	lastSync = $state<string | null>(null);
	data = $state<SyncData | null>(null);
	/** Answers the server changed after the phone had answered offline. */
	revised = $state<ScanAnswer[]>([]);
	counters = $state<{ admittedToday: number; insideNow: number; expected: number } | null>(null);
	error = $state<string | null>(null);
	private timers: ReturnType<typeof setInterval>[] = [];
	private flushing = false;

	constructor(readonly slug: string) {}

	private headers(json = false): HeadersInit {
		const h: Record<string, string> = { accept: 'application/json' };
		const d = device();
		if (d && d.eventSlug === this.slug) h.authorization = `Bearer ${d.token}`;
		if (json) h['content-type'] = 'application/json';
		return h;
	}

	private async request<T>(path: string, init: RequestInit = {}, timeoutMs = 5000): Promise<T> {
		const ctrl = new AbortController();
		const timer = setTimeout(() => ctrl.abort(), timeoutMs);
		try {
			const res = await fetch(path, { ...init, signal: ctrl.signal, credentials: 'same-origin', cache: 'no-store' });
			const body = await res.json().catch(() => ({}));
			if (!res.ok) {
				const err = (body as { error?: { code: string; message: string } }).error;
				throw new HttpError(res.status, err?.code ?? 'unknown', err?.message ?? res.statusText);
			}
			// A request that was under way when the network dropped may still resolve (or come from the
			// service worker's cache): only the browser's own state may say we are back online.
			this.online = navigator.onLine;
			return body as T;
		} finally {
			clearTimeout(timer);
		}
	}

	/** Network trouble (or a server in trouble) means: work offline, keep the scan queued. */
	private offlineError(e: unknown) {
		return !(e instanceof HttpError) || e.status >= 500;
	}

	async start() {
		// Listen before anything is awaited: the network may drop while the stored data loads.
		const goOnline = () => {
			this.online = true;
			void this.flush().then(() => this.sync());
		};
		const goOffline = () => (this.online = false);
		window.addEventListener('online', goOnline);
		window.addEventListener('offline', goOffline);
		this.online = navigator.onLine;
		this.data = (await kv.get<SyncData>(`sync:${this.slug}`)) ?? null;
		this.lastSync = this.data?.serverTime ?? null;
		this.waiting = await queue.count();
		this.timers.push(setInterval(() => void this.flush(), 5_000));
		this.timers.push(setInterval(() => void this.sync(), 30_000));
		await this.sync();
		await this.flush();
		return () => {
			window.removeEventListener('online', goOnline);
			window.removeEventListener('offline', goOffline);
			for (const t of this.timers) clearInterval(t);
		};
	}

	async sync() {
		if (!navigator.onLine) return;
		const since = this.data?.serverTime;
		try {
			const r = await this.request<SyncResponse>(`/api/v1/events/${encodeURIComponent(this.slug)}/scanner-sync${since ? `?since=${encodeURIComponent(since)}` : ''}`, { headers: this.headers() });
			const data = mergeSync(r.full ? null : $state.snapshot(this.data), r);
			await kv.set(`sync:${this.slug}`, $state.snapshot(data));
			this.data = data;
			this.lastSync = r.serverTime;
			if (r.outcomes.length) this.revised = [...r.outcomes, ...this.revised].slice(0, 20);
			this.error = null;
		} catch (e) {
			if (this.offlineError(e)) this.online = false;
			else this.error = (e as Error).message;
		}
	}

	async refreshCounters(checkpointId: string) {
		if (!navigator.onLine) return;
		try {
			this.counters = await this.request(`/api/v1/checkpoints/${checkpointId}/counters`, { headers: this.headers() });
		} catch {
			/* counters wait for the network */
		}
	}

	async lookup(checkpointId: string, q: string) {
		return this.request<{ people: { publicId: string; name: string; nameZh: string | null; email: string; organization: string | null; status: string; category: { name: I18n; color: string }; code: string | null }[] }>(
			`/api/v1/checkpoints/${checkpointId}/lookup?q=${encodeURIComponent(q)}`,
			{ headers: this.headers() }
		);
	}

	/** One scan: queued first (so nothing is lost), sent if possible, else decided here. */
	async scan(code: string, checkpointId: string): Promise<{ answer: ScanAnswer; offline: boolean } | { error: string }> {
		const body = { code: code.trim(), checkpointId, scanId: uuid(), scannedAt: nowIso() };
		const item: QueuedScan = { scanId: body.scanId, eventSlug: this.slug, body, createdAt: Date.now() };
		await queue.add(item);
		// Online, the scan normally leaves the queue within a moment: only show it as waiting if it stays.
		if (!navigator.onLine) this.waiting = await queue.count();
		if (navigator.onLine) {
			try {
				const answer = await this.request<ScanAnswer>('/api/v1/checkins', { method: 'POST', headers: this.headers(true), body: JSON.stringify(body) }, 4000);
				await queue.remove(body.scanId);
				this.waiting = await queue.count();
				this.remember(answer);
				return { answer, offline: false };
			} catch (e) {
				if (!this.offlineError(e)) {
					await queue.remove(body.scanId);
					this.waiting = await queue.count();
					return { error: (e as Error).message };
				}
				this.online = false;
			}
		}
		const local = await this.decideHere(body);
		item.local = local;
		item.body = { ...body, offline: true };
		await queue.add(item);
		this.waiting = await queue.count();
		this.remember(local);
		return { answer: local, offline: true };
	}

	/** Uploads queued scans in the order they were made. */
	async flush() {
		if (this.flushing || !navigator.onLine) return;
		this.flushing = true;
		try {
			for (const item of await queue.all()) {
				if (item.eventSlug !== this.slug) continue;
				let answer: ScanAnswer;
				try {
					answer = await this.request<ScanAnswer>('/api/v1/checkins', { method: 'POST', headers: this.headers(true), body: JSON.stringify(item.body) });
				} catch (e) {
					if (this.offlineError(e)) {
						this.online = false;
						break;
					}
					// Refused for good (device revoked, checkpoint gone): nothing a retry would change.
					await queue.remove(item.scanId);
					continue;
				}
				await queue.remove(item.scanId);
				if (item.local && item.local.result !== answer.result) this.revised = [answer, ...this.revised].slice(0, 20);
			}
		} finally {
			this.waiting = await queue.count();
			this.flushing = false;
		}
	}

	private remember(a: ScanAnswer) {
		if (!this.data || !a.attendee || a.result !== 'admitted') return;
		this.data.admissions.push({ publicId: a.attendee.publicId, checkpointId: a.checkpointId, at: a.scannedAt, direction: a.direction, scanId: a.scanId });
		void kv.set(`sync:${this.slug}`, $state.snapshot(this.data));
	}

	decideHere(body: { code: string; checkpointId: string; scanId: string; scannedAt: string }): Promise<ScanAnswer> {
		return decideOffline(this.data ? ($state.snapshot(this.data) as SyncData) : null, body);
	}
}
