/**
 * The program list grouped as printed programs read: by day, then by start. A day is the session's
 * local date and a slot one start instant, each appearing once: sessions in other zones (Kyoto,
 * Vancouver, Seattle) start at "14:00" local beside Dalian's 14:00 and fall on other local dates,
 * so neither the time label nor the order of the list may be the key. Keys are unique by construction,
 * which is what Svelte's keyed `{#each}` needs (a duplicate throws while hydrating).
 */
export interface Groupable {
	date: string;
	startsAt: string;
}

export interface DayGroup<S extends Groupable> {
	date: string;
	slots: { startsAt: string; items: S[] }[];
}

export function groupByDayAndStart<S extends Groupable>(sessions: readonly S[]): DayGroup<S>[] {
	const days = new Map<string, Map<string, S[]>>();
	for (const s of sessions) {
		let day = days.get(s.date);
		if (!day) days.set(s.date, (day = new Map()));
		let slot = day.get(s.startsAt);
		if (!slot) day.set(s.startsAt, (slot = []));
		slot.push(s);
	}
	return [...days]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([date, slots]) => ({
			date,
			slots: [...slots].sort(([a], [b]) => Date.parse(a) - Date.parse(b)).map(([startsAt, items]) => ({ startsAt, items }))
		}));
}
