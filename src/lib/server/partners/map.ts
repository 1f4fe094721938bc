/**
 * The world map of the public partners page, drawn on the server as SVG path data from the bundled
 * Natural Earth 1:110m countries (world-atlas): no tile server, no network and no client JS at run
 * time. The projection is computed once per process.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

export const MAP_WIDTH = 960;

const topo = countries as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
let shapes: { land: ReturnType<typeof feature>; borders: ReturnType<typeof mesh> } | undefined;

export interface MapPoint {
	kind: 'workstation' | 'satellite' | 'host';
	label: string;
	lon: number;
	lat: number;
}

/**
 * Path data and projected markers; the page draws them as one inline SVG. The view is centred on the
 * points (for this week: the Pacific, from North America to Dalian) so markers stay apart and labels
 * stay legible on a phone; the whole world is drawn and the viewBox crops it.
 */
export function worldMap(points: MapPoint[], height = 520) {
	shapes ??= { land: feature(topo, topo.objects.land), borders: mesh(topo, topo.objects.countries, (a, b) => a !== b) };
	// Centre longitude: the middle of the smallest arc holding every point.
	const lons = [...new Set(points.map((p) => ((p.lon % 360) + 360) % 360))].sort((a, b) => a - b);
	let centre = 150;
	if (lons.length) {
		let gap = -1;
		for (let i = 0; i < lons.length; i++) {
			const next = i + 1 < lons.length ? lons[i + 1] : lons[0] + 360;
			if (next - lons[i] > gap) {
				gap = next - lons[i];
				centre = (next + (360 - gap) / 2) % 360;
			}
		}
	}
	const pad: [number, number][] = points.flatMap((p) => [
		[p.lon - 14, Math.max(-80, p.lat - 12)],
		[p.lon + 22, Math.min(80, p.lat + 12)]
	]);
	const projection = geoEqualEarth().rotate([-centre, 0]);
	if (pad.length) projection.fitExtent([[10, 10], [MAP_WIDTH - 10, height - 10]], { type: 'MultiPoint', coordinates: pad });
	else projection.fitExtent([[4, 4], [MAP_WIDTH - 4, height - 4]], { type: 'Sphere' });
	const path = geoPath(projection).digits(1);
	// The view box hugs the padded points, so no blank band is left around them.
	const [[x0, y0], [x1, y1]] = pad.length ? path.bounds({ type: 'MultiPoint', coordinates: pad }) : [[0, 0], [MAP_WIDTH, height]];
	const box = { x: Math.floor(x0), y: Math.floor(y0), w: Math.ceil(x1 - x0), h: Math.ceil(y1 - y0) };
	// Geometry outside the view is cut away on the server: the page carries only what is seen.
	projection.clipExtent([
		[box.x - 2, box.y - 2],
		[box.x + box.w + 2, box.y + box.h + 2]
	]);
	const markers = points.flatMap((p) => {
		const xy = projection([p.lon, p.lat]);
		return xy ? [{ ...p, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10, lx: 0, ly: 0, anchor: 'start' as 'start' | 'end' }] : [];
	});
	// Labels right of their marker; one that would collide with a placed label goes left, then below.
	const placed: { x: number; y: number; w: number }[] = [];
	for (const m of [...markers].sort((a, b) => a.y - b.y)) {
		if (m.kind === 'satellite') continue;
		const w = [...m.label].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 24 : 13), 10);
		const hits = (x: number, y: number) => placed.some((q) => Math.abs(q.y - y) < 26 && x < q.x + q.w && q.x < x + w);
		let [x, y, anchor] = [m.x + 14, m.y - 10, 'start' as 'start' | 'end'];
		if (hits(x, y) || x + w > box.x + box.w) [x, y, anchor] = [m.x - 14, m.y - 10, 'end'];
		if (hits(anchor === 'end' ? x - w : x, y)) [x, y, anchor] = [m.x + 14, m.y + 26, 'start'];
		placed.push({ x: anchor === 'end' ? x - w : x, y, w });
		Object.assign(m, { lx: Math.round(x), ly: Math.round(y), anchor });
	}
	return {
		viewBox: `${box.x} ${box.y} ${box.w} ${box.h}`,
		sphere: path({ type: 'Sphere' }) ?? '',
		land: path(shapes.land) ?? '',
		borders: path(shapes.borders) ?? '',
		markers
	};
}
