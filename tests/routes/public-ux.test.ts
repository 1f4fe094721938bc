/** What a new visitor meets on the way to registering: the way back to the form, consent, privacy, what happens next. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { Browser, DEMO_PASSWORD, startApp, type App } from '../helpers/app';

let app: App;
const SLUG = 'haichuang-2018';
const REGISTER = `/events/${SLUG}/register`;

beforeAll(async () => {
	app = await startApp();
}, 180_000);
afterAll(async () => {
	await app?.stop();
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
let n = 0;

async function signUp(locale: 'en' | 'zh-CN', next?: string) {
	const b = new Browser(app.url);
	b.cookies.set('PARAGLIDE_LOCALE', locale);
	const res = await b.post('/signup', { name: `Newcomer ${++n}`, email: `newcomer${n}.${Date.now()}@example.com`, password: 'a long enough password', ...(next !== undefined ? { next } : {}) });
	return { b, res };
}

describe('register now → log in → sign up', () => {
	it('keeps where the person was going through log-in and sign-up, and a new account lands on the form', async () => {
		const anon = new Browser(app.url);
		const guard = await anon.fetch(REGISTER);
		expect([guard.status, guard.headers.get('location')]).toEqual([303, `/login?next=${encodeURIComponent(REGISTER)}`]);
		const login = await (await anon.fetch(guard.headers.get('location')!)).text();
		expect(login).toContain(`href="/signup?next=${encodeURIComponent(REGISTER)}"`);
		const signup = await (await anon.fetch(`/signup?next=${encodeURIComponent(REGISTER)}`)).text();
		expect(signup).toContain(`name="next" value="${REGISTER}"`);
		expect(signup).toContain(`href="/login?next=${encodeURIComponent(REGISTER)}"`);
		const { b, res } = await signUp('en', REGISTER);
		expect([res.status, res.headers.get('location')]).toEqual([303, REGISTER]);
		expect((await b.fetch(REGISTER)).status).toBe(200);
		// Signed in already: the sign-up page forwards to where the person was going.
		expect((await b.fetch(`/signup?next=${encodeURIComponent(REGISTER)}`)).headers.get('location')).toBe(REGISTER);
	});

	it('follows same-site paths only', async () => {
		for (const next of ['//evil.example/x', '/\\evil.example', '/\t/evil.example', 'https://evil.example/', '/%0a/evil.example']) {
			const { res } = await signUp('en', next);
			expect([next, res.headers.get('location')]).toEqual([next, next === '/%0a/evil.example' ? '/%0a/evil.example' : '/me']);
		}
	});
});

describe('consent and the privacy notice', () => {
	it('shows the consent error in words, in both languages, and links the privacy notice', async () => {
		for (const [locale, words, link] of [
			['en', 'Please agree to the privacy notice to register.', 'privacy notice'],
			['zh-CN', '请同意隐私声明后再报名。', '《隐私声明》']
		] as const) {
			const { b } = await signUp(locale);
			const bad = await b.post(`${REGISTER}?category=enterprise`, { category: 'enterprise', 'answers.field': 'ai', 'answers.country': 'CA' });
			expect(bad.status).toBe(400);
			const html = await bad.text();
			expect(html).toMatch(new RegExp(`<p class="error" id="f-consent-err">${words}</p>`));
			expect(html).not.toContain('reg_v_consent');
			expect(html).toContain(`<a href="/privacy" target="_blank" rel="noopener">${link}</a>`);
			expect(html).toMatch(/<input id="f-consent" type="checkbox" name="consent" aria-invalid="true"/);
		}
	});

	it('serves the privacy notice in both languages: purposes, retention, export and erasure', async () => {
		const en = text(await (await fetch(`${app.url}/privacy`, { headers: { 'accept-language': 'en' } })).text());
		for (const s of ['Privacy notice', 'Version 2018-1', 'What it is used for', 'How long it is kept', '12 months after the week ends', 'Download my data', 'Delete my account', 'PIPL', 'GDPR']) expect(en).toContain(s);
		const zh = text(await (await fetch(`${app.url}/privacy`, { headers: { 'accept-language': 'zh-CN' } })).text());
		for (const s of ['隐私声明', '版本 2018-1', '使用目的', '保存期限', '12 个月内删除或匿名化', '下载我的数据', '注销账号', '个人信息保护法']) expect(zh).toContain(s);
	});
});

describe('after registering', () => {
	it('says what happens next, in the person’s language', async () => {
		for (const [locale, words] of [
			['en', ['Registration received. What happens next:', 'The organizers review your registration', 'We send an email to', 'your QR badge appears on this page']],
			['zh-CN', ['报名已提交。接下来：', '组委会将审核您的报名', '我们就会发邮件到', '您的二维码胸卡会显示在本页']]
		] as const) {
			const { b } = await signUp(locale);
			const ok = await b.post(`${REGISTER}?category=enterprise`, { category: 'enterprise', 'answers.field': 'ai', 'answers.country': 'TW', consent: 'on' });
			expect(ok.headers.get('location')).toBe('/me?registered=1');
			const me = text(await (await b.fetch('/me?registered=1')).text());
			for (const w of words) expect(me).toContain(w);
			expect(me).toContain(locale === 'en' ? 'Taiwan, China' : '中国台湾');
			expect(text(await (await b.fetch('/me')).text())).not.toContain(words[0]);
		}
	});
});

const cookieOf = (b: Browser) => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('starring and the personal schedule', () => {
	it('stars from a chosen day and filter and comes back to it; use:enhance gets the result instead', async () => {
		const b = new Browser(app.url);
		await b.logIn('attendee@example.com', DEMO_PASSWORD);
		const list = await (await b.fetch(`/events/${SLUG}?day=all&kind=forum`)).text();
		const day = /href="\/events\/[^"?]+\?day=(\d{4}-\d\d-\d\d)/.exec(list)![1];
		const page = await (await b.fetch(`/events/${SLUG}?day=${day}&kind=forum`)).text();
		// The form posts back to this very list: day and filter kept, the action added.
		const [, action, id] = /<form method="POST" action="([^"]+)" class="star[^"]*"[^>]*>\s*<input type="hidden" name="sessionId" value="([0-9a-f-]{36})"/.exec(page)!;
		expect(action.replaceAll('&amp;', '&')).toBe(`/events/${SLUG}?day=${day}&kind=forum&/star`);
		const plain = await b.post(action.replaceAll('&amp;', '&'), { sessionId: id });
		expect([plain.status, plain.headers.get('location')]).toEqual([303, `/events/${SLUG}?day=${day}&kind=forum`]);
		const enhanced = await b.fetch(`/events/${SLUG}?day=${day}&kind=forum&/unstar`, {
			method: 'POST',
			body: new URLSearchParams({ sessionId: id }),
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		expect(enhanced.status).toBe(200);
		expect((await enhanced.json()).type).toBe('success');
	});

	it('serves the signed-in program from one shared render per role, with each person\'s stars laid over it, compressed', async () => {
		const a = new Browser(app.url);
		await a.logIn('attendee@example.com', DEMO_PASSWORD);
		const first = await (await a.fetch(`/events/${SLUG}?day=all`)).text();
		const id = /<form method="POST" action="[^"]+" class="star[^"]*" data-sid="([0-9a-f-]{36})"/.exec(first)![1];
		await a.post(`/events/${SLUG}?day=all&/star`, { sessionId: id });
		const res = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { cookie: cookieOf(a), 'accept-encoding': 'gzip' } });
		expect([res.status, res.headers.get('content-encoding'), res.headers.get('cache-control')]).toEqual([200, 'gzip', 'private, no-cache']);
		const mine = await res.text();
		expect(mine).toContain(`<script type="application/json" id="hw-personal">{"starred":["${id}"]}</script>`);
		expect(mine).toContain(`[data-sid="${id}"] .off{display:none!important}`);
		// The shared render has a stand-in viewer: no one's name or address is in it.
		expect(mine).not.toContain('attendee@example.com');
		// Another person gets the page without those stars.
		const other = new Browser(app.url);
		await other.logIn('staff@example.com', DEMO_PASSWORD);
		const theirs = await (await other.fetch(`/events/${SLUG}?day=all`)).text();
		expect(theirs).toContain('<script type="application/json" id="hw-personal">{"starred":[]}</script>');
		expect(theirs).not.toContain(`[data-sid="${id}"] .on`);
		// A matching ETag is a 304; a changed star changes the ETag.
		const etag = res.headers.get('etag')!;
		const again = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { cookie: cookieOf(a), 'if-none-match': etag } });
		expect(again.status).toBe(304);
		await a.post(`/events/${SLUG}?day=all&/unstar`, { sessionId: id });
		const changed = await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { cookie: cookieOf(a), 'if-none-match': etag } });
		expect(changed.status).toBe(200);
		expect(await changed.text()).toContain('<script type="application/json" id="hw-personal">{"starred":[]}</script>');
	});

	it('merges booked and starred sessions in my agenda and in the calendar feed', async () => {
		const b = new Browser(app.url);
		await b.logIn('attendee@example.com', DEMO_PASSWORD);
		// The demo attendee booked one seat and starred nothing yet.
		const before = await (await b.fetch('/me/agenda')).text();
		const booked = [...before.matchAll(/data-code="([^"]+)"/g)].map((x) => x[1]);
		expect(booked).toHaveLength(1);
		expect(before).toContain('data-seat="booked"');
		const opening = await (await b.fetch(`/events/${SLUG}/sessions/HC101`)).text();
		const id = /name="sessionId" value="([0-9a-f-]{36})"/.exec(opening)![1];
		await b.post(`/events/${SLUG}/sessions/HC101?/star`, { sessionId: id });
		const after = await (await b.fetch('/me/agenda')).text();
		expect([...after.matchAll(/data-code="([^"]+)"/g)].map((x) => x[1]).sort()).toEqual([...booked, 'HC101'].sort());
		const rot = await (await b.post('/me/agenda?/rotate', {})).text();
		const feed = /value="(http[^"]+\.ics)"/.exec(rot)![1];
		const ics = await (await fetch(feed)).text();
		const evs = Object.values(ical.sync.parseICS(ics)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
		// The program's sessions: the booked one and the starred one. The others are the demo attendee's 1:1
		// meetings, which link to the person's meetings page (not to a session page that does not exist).
		const link = (e: ical.VEvent) => String((e.url as unknown as { val?: string })?.val ?? e.url ?? '');
		expect(evs.filter((e) => link(e).includes('/sessions/'))).toHaveLength(2);
		const meetings = evs.filter((e) => !link(e).includes('/sessions/'));
		expect(meetings.length).toBeGreaterThan(0);
		for (const m of meetings) expect(link(m)).toBe(`${app.url}/me/matchmaking/meetings`);
		for (const code of [booked[0], 'HC101']) expect(ics.replace(/\r\n /g, '')).toContain(`/events/${SLUG}/sessions/${code}`);
	});
});
