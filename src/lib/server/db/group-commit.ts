/**
 * Group commit: requests that arrive while a transaction for their key is running wait, and go
 * together in the next one. At the door 32 phones scanning at once cost about one transaction, not
 * 32; when registration opens, one lock, one count and one insert serve many people. Each request's
 * promise settles only after the batch that carried it has committed.
 *
 * The engine knows nothing of databases: `run` is handed a batch (in arrival order) and answers
 * each member, normally from one transaction. When `run` throws, the batch as a whole failed (a
 * statement refused for one member fails the statement for all), so each member runs again alone:
 * one bad request never fails the others.
 *
 * Scheduling: a lane (one per key) starts its batches after the current turn of the event loop
 * (`setImmediate`), so the requests read from the network in this turn go together. On the embedded
 * database every statement completes without yielding, so without that pause each request would run
 * alone from start to end and no batch would ever form. A lane runs up to `concurrency()` batches at
 * once; more run in parallel on PostgreSQL, where one batch's commit (a WAL flush) overlaps the
 * next one's work.
 */

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, R> {
	/** At most this many requests in one batch. */
	maxBatch: number;
	/** Batches of one key running at once (default 1: the key's batches run one after another). */
	concurrency?: () => number;
	/**
	 * May `item` join `batch`? Refused requests wait for a later batch, keeping their order (one
	 * person twice in one batch, say). Default: every request may.
	 */
	admit?: (item: I, batch: readonly I[]) => boolean;
	/** Runs one batch and answers each member, in order. Throwing fails the batch: each member then runs alone. */
	run: (batch: I[]) => Promise<Outcome<R>[]>;
	/** The error a request is rejected with, from its outcome's or its lone run's error (default: as is). */
	failure?: (error: unknown) => unknown;
}

interface Entry<I, R> {
	item: I;
	resolve(value: R): void;
	reject(error: unknown): void;
}

interface Lane<I, R> {
	queue: Entry<I, R>[];
	inFlight: number;
	scheduled: boolean;
}

export function groupCommit<I, R>(opts: GroupCommitOptions<I, R>) {
	const lanes = new Map<string, Lane<I, R>>();
	const concurrency = opts.concurrency ?? (() => 1);
	const failure = opts.failure ?? ((e: unknown) => e);

	function schedule(key: string, lane: Lane<I, R>) {
		if (lane.scheduled) return;
		lane.scheduled = true;
		setImmediate(() => pump(key, lane));
	}

	function take(lane: Lane<I, R>): Entry<I, R>[] {
		if (!opts.admit) return lane.queue.splice(0, opts.maxBatch);
		const batch: Entry<I, R>[] = [];
		const items: I[] = [];
		const later: Entry<I, R>[] = [];
		for (const e of lane.queue) {
			if (batch.length < opts.maxBatch && opts.admit(e.item, items)) {
				batch.push(e);
				items.push(e.item);
			} else later.push(e);
		}
		lane.queue = later;
		return batch;
	}

	function pump(key: string, lane: Lane<I, R>) {
		lane.scheduled = false;
		while (lane.queue.length && lane.inFlight < concurrency()) {
			const batch = take(lane);
			lane.inFlight++;
			void runBatch(batch).finally(() => {
				lane.inFlight--;
				if (lane.queue.length) schedule(key, lane);
				else if (!lane.inFlight && lanes.get(key) === lane) lanes.delete(key);
			});
		}
	}

	function settle(e: Entry<I, R>, o: Outcome<R> | undefined) {
		if (!o) e.reject(new Error('group commit: no outcome'));
		else if (o.ok) e.resolve(o.value);
		else e.reject(failure(o.error));
	}

	async function runBatch(batch: Entry<I, R>[]): Promise<void> {
		let outcomes: Outcome<R>[];
		try {
			outcomes = await opts.run(batch.map((e) => e.item));
		} catch (error) {
			if (batch.length === 1) return settle(batch[0], { ok: false, error });
			// The batch failed as a whole: each member again, alone.
			for (const e of batch) await runBatch([e]);
			return;
		}
		batch.forEach((e, i) => settle(e, outcomes[i]));
	}

	return {
		/** Queues `item` under `key` (default: one lane for all); resolves once its batch has committed. */
		submit(item: I, key = ''): Promise<R> {
			return new Promise<R>((resolve, reject) => {
				let lane = lanes.get(key);
				if (!lane) lanes.set(key, (lane = { queue: [], inFlight: 0, scheduled: false }));
				lane.queue.push({ item, resolve, reject });
				schedule(key, lane);
			});
		},
		/** Nothing waiting and nothing running (tests). */
		idle(): boolean {
			return lanes.size === 0;
		}
	};
}
