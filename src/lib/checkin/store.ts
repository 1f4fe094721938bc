/**
 * The scanner's IndexedDB: what it needs to work offline (sync data) and the queue of scans not yet
 * acknowledged by the server. Every scan is written to the queue *before* it is sent, so closing
 * the tab or restarting the phone loses nothing; it leaves the queue only once the server answered.
 */
import type { ScanAnswer } from './types';

const DB = 'hw-scanner';
const VERSION = 1;

export interface QueuedScan {
	scanId: string;
	eventSlug: string;
	body: { code: string; checkpointId: string; scanId: string; scannedAt: string; offline?: boolean };
	/** What the device answered on the spot (offline) — compared with the server's later. */
	local?: ScanAnswer;
	createdAt: number;
}

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, VERSION);
		req.onupgradeneeded = () => {
			const db = req.result;
			db.createObjectStore('kv');
			db.createObjectStore('queue', { keyPath: 'scanId' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

let handle: Promise<IDBDatabase> | undefined;
const dbp = () => (handle ??= open());

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	const db = await dbp();
	return new Promise((resolve, reject) => {
		const tx = db.transaction(store, mode);
		const req = fn(tx.objectStore(store));
		tx.oncomplete = () => resolve(req ? req.result : undefined);
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
}

export const kv = {
	get: <T>(key: string) => run<T>('kv', 'readonly', (s) => s.get(key) as IDBRequest<T>),
	set: (key: string, value: unknown) => run('kv', 'readwrite', (s) => void s.put(value, key)),
	del: (key: string) => run('kv', 'readwrite', (s) => void s.delete(key))
};

export const queue = {
	add: (item: QueuedScan) => run('queue', 'readwrite', (s) => void s.put(item)),
	remove: (scanId: string) => run('queue', 'readwrite', (s) => void s.delete(scanId)),
	all: async () => ((await run<QueuedScan[]>('queue', 'readonly', (s) => s.getAll() as IDBRequest<QueuedScan[]>)) ?? []).sort((a, b) => a.createdAt - b.createdAt),
	count: async () => (await run<number>('queue', 'readonly', (s) => s.count())) ?? 0
};
