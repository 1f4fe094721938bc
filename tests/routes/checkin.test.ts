/** The check-in API over HTTP against the production build with the demo week. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';

let app: App;
beforeAll(async () => {
	app = await startApp();
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

const SLUG = 'haichuang-2018';
const json = (token: string | null, body: unknown, extra: Record<string, string> = {}) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
	body: JSON.stringify(body)
});
async function apiToken(email: string) {
	const r = await fetch(`${app.url}/api/v1/auth/token`, json(null, { email, password: DEMO_PASSWORD }));
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

describe('check-in over HTTP', () => {
	it('pairs a device from the organizer page, scans, replays, rejects forgeries, and stops when revoked', async () => {
		const organizer = new Browser(app.url);
		await organizer.logIn('organizer@example.com', DEMO_PASSWORD);
		const page = await organizer.fetch(`/organizer/events/${SLUG}/checkpoints`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Expo centre east door');
		const list = (await (await organizer.fetch(`/api/v1/events/${SLUG}/checkpoints`)).json()) as { checkpoints: { id: string; name: { en: string } }[] };
		const door = list.checkpoints.find((c) => c.name.en === 'Expo centre east door')!;

		const paired = await organizer.post(`/organizer/events/${SLUG}/checkpoints?/pair`, { name: 'Test phone', checkpointIds: door.id });
		const html = await paired.text();
		const code = /\/scan\/pair#([a-z2-7]+)/.exec(html)?.[1];
		expect(code, html.slice(0, 500)).toBeTruthy();
		const pair = await fetch(`${app.url}/api/v1/devices/pair`, json(null, { code }));
		expect(pair.status).toBe(201);
		const device = (await pair.json()) as { token: string; deviceId: string; eventSlug: string; checkpointIds: string[] };
		expect(device).toMatchObject({ eventSlug: SLUG, checkpointIds: [door.id] });
		const again = await fetch(`${app.url}/api/v1/devices/pair`, json(null, { code }));
		expect(again.status).toBe(400);
		expect(((await again.json()) as { error: { code: string } }).error.code).toBe('pairing_invalid');

		const auth = { authorization: `Bearer ${device.token}` };
		const sync = (await (await fetch(`${app.url}/api/v1/events/${SLUG}/scanner-sync`, { headers: auth })).json()) as { roster: unknown[]; checkpoints: { id: string }[]; key: { kid: string } };
		expect(sync.roster.length).toBeGreaterThan(200);
		expect(sync.checkpoints.map((c) => c.id)).toEqual([door.id]);
		const found = (await (await fetch(`${app.url}/api/v1/checkpoints/${door.id}/lookup?q=attendee@example.com`, { headers: auth })).json()) as { people: { code: string }[] };
		const badge = found.people[0].code;
		expect(badge).toMatch(new RegExp(`^HW1:${sync.key.kid}:`));

		const scan = (body: object) => fetch(`${app.url}/api/v1/checkins`, json(device.token, body));
		const first = await scan({ code: badge, checkpointId: door.id, scanId: 'http-test-0001' });
		expect(first.status).toBe(200);
		const a = (await first.json()) as Record<string, unknown>;
		expect(a).toMatchObject({ result: 'admitted', attendee: { name: 'Avery Li' } });
		const replay = (await (await scan({ code: badge, checkpointId: door.id, scanId: 'http-test-0001' })).json()) as Record<string, unknown>;
		expect(replay).toEqual(a);
		const second = (await (await scan({ code: badge, checkpointId: door.id, scanId: 'http-test-0002' })).json()) as Record<string, unknown>;
		expect(second).toMatchObject({ result: 'already_admitted', firstAdmission: { deviceName: 'Test phone', checkpointName: { en: 'Expo centre east door' } } });
		const forged = (await (await scan({ code: badge.slice(0, -3) + (badge.endsWith('AAA') ? 'BBB' : 'AAA'), checkpointId: door.id, scanId: 'http-test-0003' })).json()) as Record<string, unknown>;
		expect(forged).toMatchObject({ result: 'rejected', reason: 'invalid_signature' });
		expect(forged.attendee).toBeUndefined();
		const counters = (await (await fetch(`${app.url}/api/v1/checkpoints/${door.id}/counters`, { headers: auth })).json()) as { admittedToday: number };
		expect(counters.admittedToday).toBe(1);
		// The device may not scan at a checkpoint it was not paired with.
		const other = list.checkpoints.find((c) => c.id !== door.id)!;
		expect((await scan({ code: badge, checkpointId: other.id, scanId: 'http-test-0004' })).status).toBe(404);

		const revoke = await organizer.post(`/organizer/events/${SLUG}/checkpoints?/revoke`, { id: device.deviceId });
		expect(revoke.status).toBe(200);
		const refused = await scan({ code: badge, checkpointId: door.id, scanId: 'http-test-0005' });
		expect(refused.status).toBe(401);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
	});

	it('requires a scanner: 401 without credentials, 403 for attendees and cross-origin sessions; errors in the request language', async () => {
		const body = { code: 'x', checkpointId: '00000000-0000-4000-8000-000000000000', scanId: 'http-test-1001' };
		expect((await fetch(`${app.url}/api/v1/checkins`, json(null, body))).status).toBe(401);
		const attendee = await apiToken('attendee@example.com');
		const r = await fetch(`${app.url}/api/v1/checkins`, json(attendee, body));
		expect(r.status).toBe(403);
		const staff = new Browser(app.url);
		await staff.logIn('staff@example.com', DEMO_PASSWORD);
		const cross = await staff.fetch('/api/v1/checkins', json(null, body, { origin: 'https://evil.example' }));
		expect(cross.status).toBe(403);
		const same = await staff.fetch('/api/v1/checkins', json(null, body, { origin: app.url }));
		expect(same.status).toBe(404);
		const bad = await fetch(`${app.url}/api/v1/checkins?lang=zh-CN`, json(await apiToken('staff@example.com'), { code: '', checkpointId: 'nope', scanId: '1' }));
		expect(bad.status).toBe(400);
		const err = ((await bad.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } }).error;
		expect(err.code).toBe('invalid_input');
		expect(Object.keys(err.fields).sort()).toEqual(['checkpointId', 'code', 'scanId']);
		const staffHome = await staff.fetch('/staff');
		expect(await staffHome.text()).toContain('Main Hall (follows schedule)');
	});

	it('lets organizers define checkpoints over the API, not staff; documents the operations', async () => {
		const organizer = await apiToken('organizer@example.com');
		const input = { name: { zh: '测试门', en: 'Test gate' }, kind: 'venue_door', rules: { direction: 'exit' } };
		const created = await fetch(`${app.url}/api/v1/events/${SLUG}/checkpoints`, json(organizer, input));
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({ name: { en: 'Test gate' }, rules: { direction: 'exit', allowedCategories: [], reentryAllowed: false } });
		const staff = await apiToken('staff@example.com');
		expect((await fetch(`${app.url}/api/v1/events/${SLUG}/checkpoints`, json(staff, input))).status).toBe(403);
		const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
		for (const p of ['/checkins', '/events/{slug}/checkpoints', '/events/{slug}/scanner-sync', '/devices/pair']) expect(doc.paths[p]).toBeTruthy();
	});

	it('streams the live dashboard over Server-Sent Events when scans arrive', async () => {
		const organizer = new Browser(app.url);
		await organizer.logIn('organizer@example.com', DEMO_PASSWORD);
		const page = await organizer.fetch(`/organizer/events/${SLUG}/live`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('data-testid="arrivals-chart"');
		const anonymous = await fetch(`${app.url}/organizer/events/${SLUG}/live/stream`);
		expect(anonymous.status).toBe(403);
		const ctrl = new AbortController();
		const res = await organizer.fetch(`/organizer/events/${SLUG}/live/stream`, { signal: ctrl.signal });
		expect(res.headers.get('content-type')).toBe('text/event-stream');
		const reader = res.body!.getReader();
		const staff = await apiToken('staff@example.com');
		const cps = ((await (await fetch(`${app.url}/api/v1/events/${SLUG}/checkpoints`, { headers: { authorization: `Bearer ${staff}` } })).json()) as { checkpoints: { id: string }[] }).checkpoints;
		await fetch(`${app.url}/api/v1/checkins`, json(staff, { code: 'not-a-badge', checkpointId: cps[0].id, scanId: 'http-test-sse-1' }));
		let text = '';
		const deadline = Date.now() + 10_000;
		while (!text.includes('event: live') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
		ctrl.abort();
		const data = JSON.parse(text.split('event: live\ndata: ')[1].split('\n')[0]) as { recent: { result: string }[]; approved: number };
		expect(data.recent[0]).toMatchObject({ result: 'rejected' });
		expect(data.approved).toBeGreaterThan(200);
	});
});
