/**
 * The matchmaking JSON API over HTTP against the production build and the demo seed: the demo
 * attendee's token browses the directory (never contact details), asks for a meeting, answers an
 * incoming request (the other person's contact details appear only in the accepted meeting);
 * organizers list every meeting, schedule and publish; wrong scopes and roles are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, DEMO_PASSWORD, type App } from '../helpers/app';

const SLUG = 'haichuang-2018';
const base = `/api/v1/events/${SLUG}/match`;
let app: App;
const tok: Record<string, string> = {};

async function token(email: string, scopes?: string[]) {
	const r = await fetch(`${app.url}/api/v1/auth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password: DEMO_PASSWORD, name: 'match-api test', ...(scopes ? { scopes } : {}) })
	});
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

function call(who: string, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) {
	const headers: Record<string, string> = { authorization: `Bearer ${tok[who]}`, 'accept-language': init.lang ?? 'en' };
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	return fetch(app.url + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}
const getJson = async (who: string, path: string) => {
	const r = await call(who, path);
	expect(r.status).toBe(200);
	return r.json();
};

type Profile = { id: string; name: string; listed: boolean; contact?: { email: string; phone: string | null } };
type Req = { id: string; status: string; direction: string; from: Profile; to: Profile };

beforeAll(async () => {
	app = await startApp();
	const match = ['match:read', 'match:write'];
	tok.attendee = await token('attendee@example.com', match);
	tok.attendeeRead = await token('attendee@example.com', ['match:read']);
	tok.attendeeVisa = await token('attendee@example.com', ['visa:read', 'visa:write']);
	tok.staff = await token('staff@example.com', ['registrations:read']);
	tok.staffFull = await token('staff@example.com');
	tok.organizer = await token('organizer@example.com', match);
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

describe('matchmaking API', () => {
	it('is in the OpenAPI document with its scopes', async () => {
		const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		expect(doc.paths['/events/{slug}/match/directory'].get.security).toEqual([{ bearer: ['match:read'] }]);
		expect(doc.paths['/events/{slug}/match/profile'].put.security).toEqual([{ bearer: ['match:write'] }]);
		expect(Object.keys(doc.paths['/match/requests/{id}/respond'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
		expect(doc.paths['/events/{slug}/match/schedule'].post.security).toEqual([{ bearer: ['match:write'] }]);
	});

	it('gives the attendee their own profile with contact details, and a directory without anyone’s', async () => {
		const { profile } = await getJson('attendee', `${base}/profile`);
		expect(profile).toMatchObject({ listed: true, contact: { email: 'attendee@example.com' } });
		const page = await getJson('attendee', `${base}/directory`);
		expect(page.pageSize).toBe(24);
		expect(page.items).toHaveLength(24);
		expect(page.total).toBeGreaterThan(150);
		expect(page.items.some((p: Profile) => p.id === profile.id)).toBe(false);
		const raw = JSON.stringify(page);
		expect(raw).not.toContain('"contact"');
		expect(raw).not.toContain('"phone"');
		expect(raw).not.toContain('+86 411 8');
		const enterprises = await getJson('attendee', `${base}/directory?kind=enterprise&page=2`);
		expect(enterprises.page).toBe(2);
		expect(enterprises.items.every((p: { kind: string }) => p.kind === 'enterprise')).toBe(true);
		const recs = await getJson('attendee', `${base}/recommendations`);
		expect(recs.recommendations.length).toBeGreaterThan(0);
		expect(JSON.stringify(recs)).not.toContain('"contact"');
	});

	it('asks for a meeting: 201, no contact details; twice or with oneself is 409; a bad body is 400', async () => {
		const { profile: me } = await getJson('attendee', `${base}/profile`);
		const mine = (await getJson('attendee', `${base}/requests`)) as { incoming: Req[]; outgoing: Req[] };
		const paired = new Set([...mine.incoming, ...mine.outgoing].flatMap((r) => [r.from.id, r.to.id]));
		const meetings = (await getJson('attendee', `${base}/meetings`)).meetings as { other: Profile }[];
		for (const m of meetings) paired.add(m.other.id);
		const page = await getJson('attendee', `${base}/directory?kind=investor`);
		const target = (page.items as Profile[]).find((p) => !paired.has(p.id))!;
		expect(target).toBeDefined();
		const r = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: target.id, message: 'Shall we meet on Tuesday?' } });
		expect(r.status).toBe(201);
		const created = (await r.json()) as Req;
		expect(created).toMatchObject({ status: 'pending', direction: 'outgoing', to: { id: target.id } });
		expect(created.to.contact).toBeUndefined();
		const again = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: target.id } });
		expect([again.status, (await again.json()).error.code]).toEqual([409, 'match_already_requested']);
		const self = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: me.id } });
		expect([self.status, (await self.json()).error.code]).toEqual([409, 'match_self_request']);
		const bad = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: 'not-an-id' }, lang: 'zh-CN' });
		const badBody = await bad.json();
		expect(bad.status).toBe(400);
		expect(badBody.error).toMatchObject({ code: 'invalid_input', requestId: expect.any(String) });
		expect(Object.keys(badBody.error.fields)).toEqual(['toProfileId']);
		const unknown = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: '00000000-0000-4000-8000-000000000000' } });
		expect(unknown.status).toBe(404);
		const after = (await getJson('attendee', `${base}/requests`)) as { outgoing: Req[] };
		expect(after.outgoing.filter((x) => x.id === created.id)).toHaveLength(1);
	});

	it('accepts an incoming request: the contact details appear only in the accepted meeting', async () => {
		const before = (await getJson('attendee', `${base}/requests`)) as { incoming: Req[]; outgoing: Req[] };
		const pending = before.incoming.find((r) => r.status === 'pending' && r.direction === 'incoming')!;
		expect(pending).toBeDefined();
		expect(pending.from.contact).toBeUndefined();
		// Not a request of mine to answer: the one I sent.
		const sent = before.outgoing.find((r) => r.status === 'pending')!;
		const notMine = await call('attendee', `/api/v1/match/requests/${sent.id}/respond`, { method: 'POST', body: { answer: 'accept' } });
		expect([notMine.status, (await notMine.json()).error.code]).toEqual([403, 'forbidden']);
		const badId = await call('attendee', '/api/v1/match/requests/nope/respond', { method: 'POST', body: { answer: 'accept' } });
		expect([badId.status, (await badId.json()).error.code]).toEqual([400, 'invalid_input']);
		const badAnswer = await call('attendee', `/api/v1/match/requests/${pending.id}/respond`, { method: 'POST', body: { answer: 'maybe' } });
		expect(badAnswer.status).toBe(400);
		const noBody = await call('attendee', `/api/v1/match/requests/${pending.id}/respond`, { method: 'POST' });
		expect(noBody.status).toBe(400);

		const r = await call('attendee', `/api/v1/match/requests/${pending.id}/respond`, { method: 'POST', body: { answer: 'accept' } });
		expect(r.status).toBe(200);
		const out = await r.json();
		expect(out).toMatchObject({ request: { id: pending.id, status: 'accepted' }, meeting: { status: 'unscheduled', other: { id: pending.from.id, contact: { email: expect.stringContaining('@') } } }, warning: null });
		const twice = await call('attendee', `/api/v1/match/requests/${pending.id}/respond`, { method: 'POST', body: { answer: 'decline' } });
		expect([twice.status, (await twice.json()).error.code]).toEqual([409, 'match_request_closed']);
		const meetings = (await getJson('attendee', `${base}/meetings`)).meetings as { id: string; other: Profile }[];
		const m = meetings.find((x) => x.id === out.meeting.id)!;
		expect(m.other.contact?.phone).toMatch(/^\+86 411 8\d{7}$/);
		// Still none in the directory.
		expect(JSON.stringify(await getJson('attendee', `${base}/directory?q=${encodeURIComponent(pending.from.name)}`))).not.toContain('"contact"');
	});

	it('lets organizers list every meeting, schedule all and publish; not attendees', async () => {
		const all = (await getJson('organizer', `${base}/meetings?all=1`)).meetings as { status: string }[];
		expect(all.length).toBeGreaterThan(20);
		const denied = await call('attendee', `${base}/meetings?all=1`);
		expect([denied.status, (await denied.json()).error.code]).toEqual([403, 'forbidden']);
		for (const p of ['schedule', 'schedule/publish']) {
			const r = await call('attendee', `${base}/${p}`, { method: 'POST' });
			expect([r.status, (await r.json()).error.code]).toEqual([403, 'forbidden']);
		}
		const run = await call('organizer', `${base}/schedule`, { method: 'POST' });
		expect(run.status).toBe(200);
		const summary = await run.json();
		expect(summary).toMatchObject({ solver: expect.stringMatching(/^(highs|greedy)$/), published: false });
		expect(summary.placed + summary.unplaced).toBeGreaterThan(0);
		expect(summary.placed).toBeLessThanOrEqual(summary.bound);
		const pub = await call('organizer', `${base}/schedule/publish`, { method: 'POST' });
		expect(pub.status).toBe(200);
		const published = await pub.json();
		expect(published.mails).toBeGreaterThan(0);
		expect(Date.parse(published.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
		const missing = await call('organizer', '/api/v1/events/no-such-event/match/schedule', { method: 'POST' });
		expect(missing.status).toBe(404);
	});

	it('saves the caller’s profile (opting out and in); unknown sectors and NUL bytes are 400', async () => {
		const { profile } = await getJson('attendee', `${base}/profile`);
		const input = { kind: profile.kind, listed: false, organization: 'Aurora Labs', sectors: profile.sectors, offers: profile.offers, seeks: profile.seeks, pitchZh: '你好', pitchEn: 'Hello', languages: ['en', 'zh'], phone: '+86 411 5550100', timeZone: 'Asia/Shanghai' };
		const r = await call('attendee', `${base}/profile`, { method: 'PUT', body: input });
		expect(r.status).toBe(200);
		expect((await r.json()).profile).toMatchObject({ id: profile.id, listed: false, organization: 'Aurora Labs', pitch: { zh: '你好', en: 'Hello' }, contact: { email: 'attendee@example.com', phone: '+86 411 5550100' } });
		const back = await call('attendee', `${base}/profile`, { method: 'PUT', body: { ...input, listed: true } });
		expect((await back.json()).profile.listed).toBe(true);
		const sectors = await call('attendee', `${base}/profile`, { method: 'PUT', body: { ...input, sectors: ['no-such-track'] } });
		expect([sectors.status, Object.keys((await sectors.json()).error.fields)]).toEqual([400, ['sectors']]);
		const nul = await call('attendee', `${base}/requests`, { method: 'POST', body: { toProfileId: profile.id, message: 'a\u0000b' } });
		expect([nul.status, (await nul.json()).error.code]).toEqual([400, 'invalid_input']);
	});

	it('refuses without a token, with the wrong scope, and the unregistered', async () => {
		const anon = await fetch(`${app.url}${base}/directory`);
		expect([anon.status, (await anon.json()).error.code]).toEqual([401, 'unauthenticated']);
		const readOnly = await call('attendeeRead', `${base}/requests`, { method: 'POST', body: { toProfileId: '00000000-0000-4000-8000-000000000000' } });
		expect([readOnly.status, (await readOnly.json()).error]).toEqual([403, expect.objectContaining({ code: 'insufficient_scope', details: { required: 'match:write' } })]);
		expect((await call('attendeeRead', `${base}/directory`)).status).toBe(200);
		const visaOnly = await call('attendeeVisa', `${base}/directory`);
		expect([visaOnly.status, (await visaOnly.json()).error.details]).toEqual([403, { required: 'match:read' }]);
		const staff = await call('staff', `${base}/profile`);
		expect([staff.status, (await staff.json()).error.details]).toEqual([403, { required: 'match:read' }]);
		const unregistered = await call('staffFull', `${base}/profile`, { method: 'PUT', body: { kind: 'talent', listed: true } });
		expect([unregistered.status, (await unregistered.json()).error.code]).toEqual([403, 'match_not_registered']);
		expect(await getJson('staffFull', `${base}/profile`)).toEqual({ profile: null });
	});
});
