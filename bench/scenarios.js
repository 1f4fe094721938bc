/**
 * Load scenarios. Each: `title`, `name`, `target` (minimum throughput as a fraction of the no-op
 * endpoint measured in the same run), optional `p99Max` (ms), `setup(ctx)`, `request(ctx, prepared)`
 * (autocannon options), `verify(ctx, prepared, result)` → `{ ok, note }`.
 */
export const scenarios = [
	{
		name: 'events-api',
		title: 'GET /api/v1/events (one query)',
		target: 0.3,
		request: (ctx) => ({ url: `${ctx.url}/api/v1/events` })
	},
	{
		name: 'home',
		title: 'home page, server-rendered',
		target: 0.15,
		request: (ctx) => ({ url: `${ctx.url}/`, headers: { 'accept-language': 'en' } })
	}
];
