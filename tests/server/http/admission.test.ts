/** The admission lanes: which requests go where, and a lane's slots, queue and time-outs. */
import { describe, expect, it } from 'vitest';
import { Lane, laneOf, lanes } from '$lib/server/http/admission';

describe('laneOf', () => {
	it('never limits health checks, scans, scanner look-ups and sync, pairing and the live stream', () => {
		for (const p of ['/healthz', '/api/v1/checkins', '/api/v1/checkpoints/x/lookup', '/api/v1/checkpoints/x/counters', '/api/v1/events/e/scanner-sync', '/api/v1/devices/pair', '/organizer/events/e/live/stream'])
			expect([p, laneOf(p, p === '/api/v1/checkins' ? 'POST' : 'GET')]).toEqual([p, null]);
	});

	it('pages and their data render in the pages lane; PDFs and CSV in the heavy one; the rest in the other', () => {
		expect(laneOf('/events/e', 'GET')).toBe(lanes.pages);
		expect(laneOf('/events/e/__data.json', 'GET')).toBe(lanes.pages);
		expect(laneOf('/me', 'HEAD')).toBe(lanes.pages);
		expect(laneOf('/api/v1/registrations/r/badge.pdf', 'GET')).toBe(lanes.heavy);
		expect(laneOf('/organizer/events/e/registrations/export.csv', 'GET')).toBe(lanes.heavy);
		expect(laneOf('/events/e/program.ics', 'GET')).toBe(lanes.other);
		expect(laneOf('/api/v1/events', 'GET')).toBe(lanes.other);
		expect(laneOf('/login', 'POST')).toBe(lanes.other);
	});
});

describe('Lane', () => {
	it('grants up to its size at once, queues up to its queue, refuses past it, and hands slots to waiters in order', async () => {
		const lane = new Lane('t', 2, 2, 10_000);
		expect([lane.acquire(), lane.acquire()]).toEqual([true, true]);
		const w1 = lane.acquire() as Promise<boolean>;
		const w2 = lane.acquire() as Promise<boolean>;
		expect(lane.acquire()).toBe(false);
		expect([lane.active, lane.queued, lane.rejected]).toEqual([2, 2, 1]);
		lane.release();
		expect(await w1).toBe(true);
		lane.release();
		expect(await w2).toBe(true);
		lane.release();
		lane.release();
		expect([lane.active, lane.queued]).toEqual([0, 0]);
	});

	it('refuses a waiter after the longest wait', async () => {
		const lane = new Lane('t', 1, 4, 30);
		expect(lane.acquire()).toBe(true);
		expect(await lane.acquire()).toBe(false);
		expect([lane.active, lane.queued, lane.rejected]).toEqual([1, 0, 1]);
	});
});
