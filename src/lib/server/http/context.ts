/** Per-request context (request id) reachable from domain code without threading it through. */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequest<T>(requestId: string, fn: () => T): T {
	return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
	return storage.getStore()?.requestId;
}
