/**
 * The scheduling instance in index form, shared by the greedy and the HiGHS solver (not by the
 * checker, `check.ts`, which reads the raw input on its own).
 *
 * Slots become indices 0..S-1, people 0..P-1. For every person we know statically which slots are
 * closed to them (unavailable, busy, or in time conflict with one of their locked meetings). Two
 * slots conflict for one person when their times overlap, or, in different rooms, lie closer than
 * the walking time. The conflict graph is covered by cliques (every node and every edge lies in
 * one), so "a person in at most one meeting per clique" is exactly "nobody twice at once".
 */
import type { SchedulerInput } from './index';

export interface FreeMeeting {
	/** index into input.meetings */
	i: number;
	id: string;
	a: number;
	b: number;
	/** candidate slots: both people free there and a table that may host the meeting */
	cands: number[];
	/** the meeting must use a table fixed to a or b (rooms of those tables only); no shared capacity */
	fixed: boolean;
	current: number; // slot index of the current placement, -1 if none
}

export interface Prep {
	input: SchedulerInput;
	S: number;
	P: number;
	slotIndex: Map<string, number>;
	slotStart: Float64Array;
	/** conflicts[s]: every slot a person in s cannot also attend, s itself included */
	conflicts: number[][];
	cliques: number[][];
	slotCliques: number[][];
	/** sessions: slot indices ordered by start (one room, runs of slots); sessionOf / posIn */
	sessions: number[][];
	sessionOf: Int32Array;
	posIn: Int32Array;
	/** P*S: 1 when the slot is closed to the person before anything is scheduled */
	closed: Uint8Array;
	/** free capacity of unfixed tables per slot (locked meetings at unfixed tables subtracted) */
	cap: Int32Array;
	free: FreeMeeting[];
	locked: { meetingId: string; slotId: string; tableId: string }[];
	/** person*S + slot of every locked meeting's seat (for idle gaps) */
	lockedSeats: number[];
	/** people's index by profile id */
	people: Map<string, number>;
}

function overlap(a0: number, a1: number, b0: number, b1: number) {
	return a0 < b1 && b0 < a1;
}

export function prepare(input: SchedulerInput): Prep {
	const slots = input.slots;
	const S = slots.length;
	const walk = Math.max(0, input.walkMinutes || 0) * 60_000;
	const slotIndex = new Map<string, number>();
	slots.forEach((s, i) => slotIndex.set(s.id, i));
	const slotStart = Float64Array.from(slots, (s) => s.startsAt);

	const conflicts: number[][] = [];
	const adj: Uint8Array[] = [];
	for (let i = 0; i < S; i++) {
		const row = new Uint8Array(S);
		const list: number[] = [];
		for (let j = 0; j < S; j++) {
			const x = slots[i];
			const y = slots[j];
			const c =
				i === j || (x.roomId === y.roomId ? overlap(x.startsAt, x.endsAt, y.startsAt, y.endsAt) : overlap(x.startsAt, x.endsAt + walk, y.startsAt, y.endsAt + walk));
			if (c) {
				row[j] = 1;
				list.push(j);
			}
		}
		adj.push(row);
		conflicts.push(list);
	}

	// Clique cover: grow a maximal clique from every edge (and node) not yet covered, by start time.
	const order = [...Array(S).keys()].sort((x, y) => slotStart[x] - slotStart[y] || x - y);
	const covered = adj.map(() => new Uint8Array(S));
	const cliques: number[][] = [];
	for (const i of order) {
		for (const j of [i, ...conflicts[i].filter((j) => j !== i)]) {
			if (covered[i][j]) continue;
			const clique = i === j ? [i] : [i, j];
			for (const k of order) {
				if (clique.includes(k)) continue;
				if (clique.every((c) => adj[c][k])) clique.push(k);
			}
			for (const x of clique) for (const y of clique) covered[x][y] = 1;
			cliques.push(clique);
		}
	}
	const slotCliques: number[][] = slots.map(() => []);
	cliques.forEach((c, k) => c.forEach((s) => slotCliques[s].push(k)));

	// Sessions: per room, slots by start; a new session after a pause of more than an hour, unless
	// the caller named the sessions.
	const sessionKey = new Map<string, number[]>();
	const byRoom = new Map<string, number[]>();
	for (const i of order) {
		const s = slots[i] as (typeof slots)[number] & { sessionId?: string };
		if (s.sessionId) {
			const k = `s:${s.sessionId}`;
			if (!sessionKey.has(k)) sessionKey.set(k, []);
			sessionKey.get(k)!.push(i);
		} else {
			if (!byRoom.has(s.roomId)) byRoom.set(s.roomId, []);
			byRoom.get(s.roomId)!.push(i);
		}
	}
	const sessions: number[][] = [...sessionKey.values()];
	for (const list of byRoom.values()) {
		let cur: number[] = [];
		for (const i of list) {
			if (cur.length && slots[i].startsAt - slots[cur[cur.length - 1]].endsAt > 3_600_000) {
				sessions.push(cur);
				cur = [];
			}
			cur.push(i);
		}
		if (cur.length) sessions.push(cur);
	}
	const sessionOf = new Int32Array(S);
	const posIn = new Int32Array(S);
	sessions.forEach((list, k) =>
		list.forEach((s, p) => {
			sessionOf[s] = k;
			posIn[s] = p;
		})
	);

	const people = new Map<string, number>();
	const person = (id: string) => {
		let v = people.get(id);
		if (v === undefined) people.set(id, (v = people.size));
		return v;
	};
	for (const m of input.meetings) {
		person(m.a);
		person(m.b);
	}
	const P = people.size;
	const closed = new Uint8Array(P * S);
	for (const u of input.unavailable) {
		const p = people.get(u.profileId);
		const s = slotIndex.get(u.slotId);
		if (p !== undefined && s !== undefined) closed[p * S + s] = 1;
	}
	for (const b of input.busy ?? []) {
		const p = people.get(b.profileId);
		if (p === undefined) continue;
		for (let s = 0; s < S; s++) if (overlap(slots[s].startsAt, slots[s].endsAt, b.startsAt, b.endsAt)) closed[p * S + s] = 1;
	}

	const tableRoom = new Map<string, string>();
	const fixedRooms = new Map<string, Set<string>>(); // profile -> rooms where they have a fixed table
	const unfixedPerRoom = new Map<string, number>();
	for (const t of input.tables) {
		tableRoom.set(t.id, t.roomId);
		if (t.fixedProfileId) {
			if (!fixedRooms.has(t.fixedProfileId)) fixedRooms.set(t.fixedProfileId, new Set());
			fixedRooms.get(t.fixedProfileId)!.add(t.roomId);
		} else unfixedPerRoom.set(t.roomId, (unfixedPerRoom.get(t.roomId) ?? 0) + 1);
	}
	const fixedTable = new Set(input.tables.filter((t) => t.fixedProfileId).map((t) => t.id));
	const cap = Int32Array.from(slots, (s) => unfixedPerRoom.get(s.roomId) ?? 0);

	const locked: Prep['locked'] = [];
	const lockedSeats: number[] = [];
	for (const m of input.meetings) {
		if (!m.locked) continue;
		locked.push({ meetingId: m.id, slotId: m.locked.slotId, tableId: m.locked.tableId });
		const s = slotIndex.get(m.locked.slotId);
		if (s === undefined) continue;
		if (!fixedTable.has(m.locked.tableId) && tableRoom.get(m.locked.tableId) === slots[s].roomId) cap[s] = Math.max(0, cap[s] - 1);
		for (const p of [people.get(m.a)!, people.get(m.b)!]) {
			lockedSeats.push(p * S + s);
			for (const c of conflicts[s]) closed[p * S + c] = 1;
		}
	}

	const free: FreeMeeting[] = [];
	input.meetings.forEach((m, i) => {
		if (m.locked) return;
		const a = people.get(m.a)!;
		const b = people.get(m.b)!;
		const rooms = new Set([...(fixedRooms.get(m.a) ?? []), ...(fixedRooms.get(m.b) ?? [])]);
		const fixed = rooms.size > 0;
		const cands: number[] = [];
		if (a !== b)
			for (let s = 0; s < S; s++) {
				if (closed[a * S + s] || closed[b * S + s]) continue;
				if (fixed ? !rooms.has(slots[s].roomId) : cap[s] <= 0) continue;
				cands.push(s);
			}
		const cur = m.current ? (slotIndex.get(m.current.slotId) ?? -1) : -1;
		free.push({ i, id: m.id, a, b, cands, fixed, current: cands.includes(cur) ? cur : -1 });
	});

	return { input, S, P, slotIndex, slotStart, conflicts, cliques, slotCliques, sessions, sessionOf, posIn, closed, cap, free, locked, lockedSeats, people };
}

/** The dynamic state of a partial schedule: which person sits in which slot, what capacity is left. */
export class Board {
	/** P*S: how many of the person's placed meetings conflict with the slot */
	blocked: Int32Array;
	/** P*S: 1 when the person has a meeting in exactly that slot */
	at: Uint8Array;
	capLeft: Int32Array;
	slotOf: Int32Array; // per free meeting, -1 unplaced
	count = 0;
	constructor(public prep: Prep) {
		this.blocked = new Int32Array(prep.P * prep.S);
		this.at = new Uint8Array(prep.P * prep.S);
		this.capLeft = Int32Array.from(prep.cap);
		this.slotOf = new Int32Array(prep.free.length).fill(-1);
		for (const seat of prep.lockedSeats) this.at[seat] = 1;
	}
	canPlace(k: number, s: number) {
		const { S } = this.prep;
		const m = this.prep.free[k];
		return this.blocked[m.a * S + s] === 0 && this.blocked[m.b * S + s] === 0 && (m.fixed || this.capLeft[s] > 0);
	}
	place(k: number, s: number) {
		const { S, conflicts } = this.prep;
		const m = this.prep.free[k];
		for (const c of conflicts[s]) {
			this.blocked[m.a * S + c]++;
			this.blocked[m.b * S + c]++;
		}
		this.at[m.a * S + s] = 1;
		this.at[m.b * S + s] = 1;
		if (!m.fixed) this.capLeft[s]--;
		this.slotOf[k] = s;
		this.count++;
	}
	remove(k: number) {
		const { S, conflicts } = this.prep;
		const m = this.prep.free[k];
		const s = this.slotOf[k];
		if (s < 0) return;
		for (const c of conflicts[s]) {
			this.blocked[m.a * S + c]--;
			this.blocked[m.b * S + c]--;
		}
		this.at[m.a * S + s] = 0;
		this.at[m.b * S + s] = 0;
		if (!m.fixed) this.capLeft[s]++;
		this.slotOf[k] = -1;
		this.count--;
	}
	/** Idle slots of one person in one session: empty slots between their first and last meeting. */
	gaps(p: number, session: number) {
		const { S, sessions } = this.prep;
		const list = sessions[session];
		let first = -1;
		let last = -1;
		let n = 0;
		for (let i = 0; i < list.length; i++)
			if (this.at[p * S + list[i]]) {
				if (first < 0) first = i;
				last = i;
				n++;
			}
		return first < 0 ? 0 : last - first + 1 - n;
	}
}
