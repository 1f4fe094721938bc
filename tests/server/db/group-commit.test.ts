/** The group-commit engine alone (no database): batching, order, admission, lone retries, lanes, concurrency. */
import { describe, expect, it } from 'vitest';
import { groupCommit, type Outcome } from '$lib/server/db/group-commit';

const turn = () => new Promise((r) => setImmediate(r));

function recorder(opts: { maxBatch?: number; concurrency?: number; admit?: (n: number, batch: readonly number[]) => boolean; fail?: (batch: number[]) => boolean; failure?: (e: unknown) => unknown } = {}) {
	const batches: number[][] = [];
	let running = 0;
	let maxRunning = 0;
	const gc = groupCommit<number, string>({
		maxBatch: opts.maxBatch ?? 64,
		concurrency: opts.concurrency ? () => opts.concurrency! : undefined,
		admit: opts.admit,
		failure: opts.failure,
		async run(batch): Promise<Outcome<string>[]> {
			batches.push(batch);
			running++;
			maxRunning = Math.max(maxRunning, running);
			await turn();
			running--;
			if (opts.fail?.(batch)) throw new Error(`batch ${batch.join(',')}`);
			return batch.map((n) => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: `done ${n}` }));
		}
	});
	return { gc, batches, maxRunning: () => maxRunning };
}

describe('groupCommit', () => {
	it('puts the requests of one turn in one batch, in arrival order, and answers each', async () => {
		const { gc, batches } = recorder();
		const answers = await Promise.all([1, 2, 3, 4].map((n) => gc.submit(n)));
		expect(answers).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
		expect(batches).toEqual([[1, 2, 3, 4]]);
		expect(gc.idle()).toBe(true);
	});

	it('sends requests arriving while a batch runs together in the next one, at most maxBatch each', async () => {
		const { gc, batches } = recorder({ maxBatch: 3 });
		const first = gc.submit(1);
		await turn();
		const rest = [2, 3, 4, 5, 6, 7, 8].map((n) => gc.submit(n));
		await Promise.all([first, ...rest]);
		expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
	});

	it('keeps a request the batch does not admit for a later batch, in order', async () => {
		const { gc, batches } = recorder({ admit: (n, batch) => !batch.includes(n) });
		await Promise.all([1, 2, 1, 3, 1].map((n) => gc.submit(n)));
		expect(batches).toEqual([[1, 2, 3], [1], [1]]);
	});

	it('answers a refusal to that request alone', async () => {
		const { gc } = recorder();
		const got = await Promise.allSettled([1, -2, 3].map((n) => gc.submit(n)));
		expect(got.map((g) => (g.status === 'fulfilled' ? g.value : (g.reason as Error).message))).toEqual(['done 1', 'refused -2', 'done 3']);
	});

	it('runs each member alone when the batch fails as a whole, so only the bad one fails', async () => {
		const { gc, batches } = recorder({ fail: (b) => b.includes(13), failure: (e) => new Error(`mapped: ${(e as Error).message}`) });
		const got = await Promise.allSettled([1, 13, 2].map((n) => gc.submit(n)));
		expect(got.map((g) => (g.status === 'fulfilled' ? g.value : (g.reason as Error).message))).toEqual(['done 1', 'mapped: batch 13', 'done 2']);
		expect(batches).toEqual([[1, 13, 2], [1], [13], [2]]);
	});

	it('keeps lanes apart and runs up to `concurrency` batches of one lane at once', async () => {
		const lanes = recorder({ maxBatch: 1 });
		await Promise.all([lanes.gc.submit(1, 'a'), lanes.gc.submit(2, 'b'), lanes.gc.submit(3, 'a')]);
		expect(lanes.batches).toEqual([[1], [2], [3]]);
		expect(lanes.maxRunning()).toBe(2);

		const serial = recorder({ maxBatch: 1 });
		await Promise.all([1, 2, 3].map((n) => serial.gc.submit(n)));
		expect(serial.maxRunning()).toBe(1);

		const parallel = recorder({ maxBatch: 1, concurrency: 3 });
		await Promise.all([1, 2, 3, 4, 5].map((n) => parallel.gc.submit(n)));
		expect(parallel.maxRunning()).toBe(3);
		expect(parallel.batches).toEqual([[1], [2], [3], [4], [5]]);
	});
});
