import { describe, expect, it } from 'vitest';
import { groupByDayAndStart } from '../../../src/lib/components/schedule/group';

const s = (id: string, date: string, startsAt: string, start: string) => ({ id, date, startsAt, start });

describe('groupByDayAndStart', () => {
	it('keeps a Kyoto 14:00 and a Dalian 14:00 apart and gives every day and slot one key', () => {
		// Sorted by instant, as the program is: Dalian 13:00 (05:00Z), Kyoto 14:00 (05:00Z), Dalian 14:00 (06:00Z),
		// then Vancouver's evening of the 4th (local), which is the 5th in Dalian.
		const list = [
			s('a', '2026-12-05', '2026-12-05T05:00:00.000Z', '13:00'),
			s('k', '2026-12-05', '2026-12-05T05:00:00.000Z', '14:00'),
			s('b', '2026-12-05', '2026-12-05T06:00:00.000Z', '14:00'),
			s('v', '2026-12-04', '2026-12-05T03:00:00.000Z', '19:00'),
			s('c', '2026-12-05', '2026-12-05T03:00:00.000Z', '11:00')
		];
		const groups = groupByDayAndStart(list);
		expect(groups.map((g) => g.date)).toEqual(['2026-12-04', '2026-12-05']);
		expect(groups[1].slots.map((x) => [x.startsAt, x.items.map((i) => i.id)])).toEqual([
			['2026-12-05T03:00:00.000Z', ['c']],
			['2026-12-05T05:00:00.000Z', ['a', 'k']],
			['2026-12-05T06:00:00.000Z', ['b']]
		]);
		for (const g of groups) expect(new Set(g.slots.map((x) => x.startsAt)).size).toBe(g.slots.length);
	});

	it('gives nothing for no sessions', () => {
		expect(groupByDayAndStart([])).toEqual([]);
	});
});
