import { describe, expect, it } from 'vitest';
import { worldMap } from '$lib/server/partners/map';

describe('world map', () => {
	const points = [
		{ kind: 'workstation' as const, label: 'Boston', lon: -71.06, lat: 42.36 },
		{ kind: 'workstation' as const, label: 'Vancouver', lon: -123.12, lat: 49.28 },
		{ kind: 'workstation' as const, label: 'Seattle', lon: -122.33, lat: 47.61 },
		{ kind: 'host' as const, label: 'Dalian', lon: 121.61, lat: 38.91 }
	];
	it('projects every point inside the view box, across the Pacific', () => {
		const map = worldMap(points);
		const [x, y, w, h] = map.viewBox.split(' ').map(Number);
		for (const m of map.markers) {
			expect(m.x).toBeGreaterThan(x);
			expect(m.x).toBeLessThan(x + w);
			expect(m.y).toBeGreaterThan(y);
			expect(m.y).toBeLessThan(y + h);
		}
		// Centred on the Pacific: Dalian is left of the American cities.
		const at = (label: string) => map.markers.find((m) => m.label === label)!;
		expect(at('Dalian').x).toBeLessThan(at('Vancouver').x);
		expect(at('Vancouver').x).toBeLessThan(at('Boston').x);
	});
	it('keeps labels of nearby points apart and the drawing small', () => {
		const map = worldMap(points);
		const v = map.markers.find((m) => m.label === 'Vancouver')!;
		const s = map.markers.find((m) => m.label === 'Seattle')!;
		expect(Math.abs(v.ly - s.ly) >= 26 || v.anchor !== s.anchor).toBe(true);
		expect(map.land.length + map.borders.length).toBeLessThan(80_000);
		expect(map.land).toMatch(/^M/);
	});
});
