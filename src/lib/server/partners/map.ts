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
export const MAP_HEIGHT = 470;

let cached: ReturnType<typeof build> | undefined;

function build() {
	const topo = countries as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
	const land = feature(topo, topo.objects.land);
	const projection = geoEqualEarth().fitExtent(
		[
			[4, 4],
			[MAP_WIDTH - 4, MAP_HEIGHT - 4]
		],
		{ type: 'Sphere' }
	);
	const path = geoPath(projection).digits(1);
	return {
		land: path(land) ?? '',
		borders: path(mesh(topo, topo.objects.countries, (a, b) => a !== b)) ?? '',
		sphere: path({ type: 'Sphere' }) ?? '',
		project: (lon: number, lat: number) => {
			const p = projection([lon, lat]);
			return p ? ([Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10] as [number, number]) : null;
		}
	};
}

export interface MapPoint {
	kind: 'workstation' | 'satellite' | 'host';
	label: string;
	lon: number;
	lat: number;
}

/** Path data and projected markers; the page draws them as one inline SVG. */
export function worldMap(points: MapPoint[]) {
	cached ??= build();
	return {
		width: MAP_WIDTH,
		height: MAP_HEIGHT,
		sphere: cached.sphere,
		land: cached.land,
		borders: cached.borders,
		markers: points.flatMap((p) => {
			const xy = cached!.project(p.lon, p.lat);
			return xy ? [{ ...p, x: xy[0], y: xy[1] }] : [];
		})
	};
}
