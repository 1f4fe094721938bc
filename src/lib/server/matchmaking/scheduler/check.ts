/**
 * The independent checker: reads the raw input and a list of placements and names every broken
 * rule. It shares no code with the solvers (not even their conflict test), so a bug in one is not
 * copied into the other.
 */
import type { SchedulerInput, SchedulerResult } from './index';

export function violations(input: SchedulerInput, placements: SchedulerResult['placements']): string[] {
	const out: string[] = [];
	const slot = new Map(input.slots.map((s) => [s.id, s]));
	const table = new Map(input.tables.map((t) => [t.id, t]));
	const meeting = new Map(input.meetings.map((m) => [m.id, m]));
	const walkMs = (input.walkMinutes ?? 0) * 60 * 1000;
	const seen = new Map<string, number>();
	const off = new Set(input.unavailable.map((u) => `${u.profileId}\u0000${u.slotId}`));

	type Seat = { meetingId: string; start: number; end: number; room: string; slotId: string };
	const byPerson = new Map<string, Seat[]>();
	const byTable = new Map<string, Seat[]>();

	for (const pl of placements) {
		const m = meeting.get(pl.meetingId);
		const s = slot.get(pl.slotId);
		const t = table.get(pl.tableId);
		if (!m) {
			out.push(`placement of unknown meeting ${pl.meetingId}`);
			continue;
		}
		seen.set(m.id, (seen.get(m.id) ?? 0) + 1);
		if (!s) out.push(`meeting ${m.id}: unknown slot ${pl.slotId}`);
		if (!t) out.push(`meeting ${m.id}: unknown table ${pl.tableId}`);
		if (m.a === m.b) out.push(`meeting ${m.id}: a person meets themself`);
		if (m.locked && (m.locked.slotId !== pl.slotId || m.locked.tableId !== pl.tableId))
			out.push(`meeting ${m.id}: locked at ${m.locked.slotId}/${m.locked.tableId}, placed at ${pl.slotId}/${pl.tableId}`);
		if (!s || !t) continue;
		if (t.roomId !== s.roomId) out.push(`meeting ${m.id}: table ${t.id} is in room ${t.roomId}, slot ${s.id} in room ${s.roomId}`);
		if (t.fixedProfileId && t.fixedProfileId !== m.a && t.fixedProfileId !== m.b) out.push(`meeting ${m.id}: table ${t.id} is fixed to ${t.fixedProfileId}`);
		if (!t.fixedProfileId || (t.fixedProfileId !== m.a && t.fixedProfileId !== m.b)) {
			const own = input.tables.filter((x) => x.fixedProfileId !== null && (x.fixedProfileId === m.a || x.fixedProfileId === m.b));
			if (own.length) out.push(`meeting ${m.id}: must use a fixed table of its people (${own.map((x) => x.id).join(', ')}), uses ${t.id}`);
		}
		for (const person of [m.a, m.b]) {
			if (off.has(`${person}\u0000${s.id}`)) out.push(`meeting ${m.id}: ${person} is unavailable in slot ${s.id}`);
			for (const b of input.busy ?? [])
				if (b.profileId === person && b.startsAt < s.endsAt && s.startsAt < b.endsAt) out.push(`meeting ${m.id}: ${person} is busy ${b.startsAt}–${b.endsAt}`);
			const seat = { meetingId: m.id, start: s.startsAt, end: s.endsAt, room: s.roomId, slotId: s.id };
			if (!byPerson.has(person)) byPerson.set(person, []);
			byPerson.get(person)!.push(seat);
		}
		if (!byTable.has(t.id)) byTable.set(t.id, []);
		byTable.get(t.id)!.push({ meetingId: m.id, start: s.startsAt, end: s.endsAt, room: s.roomId, slotId: s.id });
	}
	for (const [id, n] of seen) if (n > 1) out.push(`meeting ${id} placed ${n} times`);
	for (const m of input.meetings) if (m.locked && !seen.has(m.id)) out.push(`locked meeting ${m.id} missing from the placements`);

	for (const [person, seats] of byPerson) {
		for (let i = 0; i < seats.length; i++)
			for (let j = i + 1; j < seats.length; j++) {
				const x = seats[i];
				const y = seats[j];
				const need = x.room === y.room ? 0 : walkMs;
				// Apart means one ends (plus the walk) no later than the other starts.
				const apart = x.end + need <= y.start || y.end + need <= x.start;
				if (!apart) out.push(`${person} is in meetings ${x.meetingId} (${x.slotId}) and ${y.meetingId} (${y.slotId}) at once${need ? ' or without time to walk' : ''}`);
			}
	}
	for (const [id, seats] of byTable) {
		for (let i = 0; i < seats.length; i++)
			for (let j = i + 1; j < seats.length; j++) {
				const x = seats[i];
				const y = seats[j];
				if (x.start < y.end && y.start < x.end) out.push(`table ${id} hosts meetings ${x.meetingId} and ${y.meetingId} at once`);
			}
	}
	return out;
}
