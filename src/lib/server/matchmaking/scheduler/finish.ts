/** From a board of slot choices to the result: concrete tables, reasons for the unplaced, idle gaps. */
import type { SchedulerResult } from './index';
import { totalGaps } from './greedy';
import type { Board } from './model';

type Unplaced = SchedulerResult['unplaced'][number];

export function finish(board: Board, extra: Pick<SchedulerResult, 'bound' | 'solver' | 'optimal'>, started: number): SchedulerResult {
	const { prep } = board;
	const { input, S, sessions, sessionOf, posIn } = prep;
	const slots = input.slots;
	const placements: SchedulerResult['placements'] = prep.locked.map((l) => ({ ...l }));
	const unplaced: Unplaced[] = [];

	// Tables per slot. Locked meetings keep theirs; fixed meetings go to a's (else b's) fixed table in
	// the slot's room; the rest to an unfixed table, preferring the one either person sat at in the
	// session's previous slot (people stay put), then the meeting's current table.
	const roomTables = new Map<string, string[]>();
	const fixedOf = new Map<string, { id: string; roomId: string }[]>();
	for (const t of input.tables) {
		if (t.fixedProfileId) {
			if (!fixedOf.has(t.fixedProfileId)) fixedOf.set(t.fixedProfileId, []);
			fixedOf.get(t.fixedProfileId)!.push(t);
		} else {
			if (!roomTables.has(t.roomId)) roomTables.set(t.roomId, []);
			roomTables.get(t.roomId)!.push(t.id);
		}
	}
	const used = new Map<number, Set<string>>(); // slot -> tables taken
	const take = (s: number, t: string) => {
		if (!used.has(s)) used.set(s, new Set());
		used.get(s)!.add(t);
	};
	for (const l of prep.locked) {
		const s = prep.slotIndex.get(l.slotId);
		if (s !== undefined) take(s, l.tableId);
	}
	const seat = new Map<string, string>(); // person*S+slot -> table
	const bySlot: number[][] = Array.from({ length: S }, () => []);
	board.slotOf.forEach((s, k) => s >= 0 && bySlot[s].push(k));
	const slotOrder = sessions.flat();
	for (const s of slotOrder) {
		const room = slots[s].roomId;
		const list = sessions[sessionOf[s]];
		const prev = posIn[s] > 0 ? list[posIn[s] - 1] : -1;
		for (const k of bySlot[s]) {
			const fm = prep.free[k];
			const m = input.meetings[fm.i];
			let table: string | undefined;
			if (fm.fixed) {
				table = [...(fixedOf.get(m.a) ?? []), ...(fixedOf.get(m.b) ?? [])].find((t) => t.roomId === room && !used.get(s)?.has(t.id))?.id;
			} else {
				const wish = [prev >= 0 ? seat.get(`${fm.a}:${prev}`) : undefined, prev >= 0 ? seat.get(`${fm.b}:${prev}`) : undefined, m.current?.slotId === slots[s].id ? m.current.tableId : undefined];
				const free = roomTables.get(room) ?? [];
				table = wish.find((t) => t !== undefined && free.includes(t) && !used.get(s)?.has(t)) ?? free.find((t) => !used.get(s)?.has(t));
			}
			if (!table) {
				board.remove(k);
				continue;
			}
			take(s, table);
			seat.set(`${fm.a}:${s}`, table);
			seat.set(`${fm.b}:${s}`, table);
			placements.push({ meetingId: fm.id, slotId: slots[s].id, tableId: table });
		}
	}

	for (let k = 0; k < prep.free.length; k++) {
		if (board.slotOf[k] >= 0) continue;
		const m = prep.free[k];
		let reason: Unplaced['reason'];
		if (m.cands.length === 0) {
			let bothFree = false;
			for (let s = 0; s < S && !bothFree; s++) bothFree = !prep.closed[m.a * S + s] && !prep.closed[m.b * S + s];
			reason = bothFree && m.a !== m.b ? 'no_table' : 'no_common_slot';
		} else {
			const peopleFree = m.cands.some((s) => board.blocked[m.a * S + s] === 0 && board.blocked[m.b * S + s] === 0);
			reason = peopleFree ? 'no_table' : 'conflict';
		}
		unplaced.push({ meetingId: m.id, reason });
	}
	return { placements, unplaced, ...extra, idleGaps: totalGaps(board), ms: Date.now() - started };
}
