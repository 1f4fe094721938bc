/**
 * The crawl: every public page, every day of the program and every filter and zone choice, the
 * attendee's and the staff's areas for each demo role, in both languages, on a phone and a desktop.
 * Fails on any console error, uncaught error (a page that throws while hydrating is blank for every
 * visitor), Svelte warning, failed request, unexpected status, sideways scrolling on the phone, or a
 * serious accessibility finding (axe-core) on the public, attendee and staff pages.
 * The organizer, admin and partner areas are crawled by their own journey with the same library.
 */
import { startApp, DEMO_PASSWORD } from '../helpers/app';
import { launch, assert } from './browser';
import { crawl, assertClean, axeFindings, everyCombination, spacingProblems, type CrawlJob, type CrawlTarget } from './crawl-lib';

const SLUG = 'haichuang-2018';
/** The zones a visitor may view the program in: the venues' own, the viewer's (any), and a far one. */
const ZONES = ['Asia/Shanghai', 'Asia/Tokyo', 'America/Vancouver', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

export default async function run() {
	const app = await startApp();
	const browser = await launch();
	const t0 = Date.now();
	try {
		// What the program offers: its days and filter values, read from the page as a visitor sees it.
		// (from the server's HTML, so a page that breaks while hydrating cannot hide its own links).
		const html = await (await fetch(`${app.url}/events/${SLUG}?day=all`, { headers: { 'accept-language': 'en' } })).text();
		const all = (re: RegExp, text = html) => [...new Set([...text.matchAll(re)].map((x) => x[1].replaceAll('&amp;', '&')))];
		const select = (id: string) => html.slice(html.indexOf(`<select id="${id}"`), html.indexOf('</select>', html.indexOf(`<select id="${id}"`)));
		const days = all(/[?&]day=([^&"]+)/g, html.slice(html.indexOf('class="days'), html.indexOf('</nav>', html.indexOf('class="days'))));
		const values = (id: string) => all(/<option value="([^"]+)"/g, select(id));
		const [tracks, venues, kinds] = [values('f-track'), values('f-venue'), values('f-kind')];
		const sessions = all(/href="(\/events\/[^"/]+\/sessions\/[^"/]+)"/g);
		const speakers = all(/href="(\/events\/[^"/]+\/speakers\/[^"/]+)"/g);
		assert(days.length >= 6 && days.includes('all'), `the program offers its days and "all days": ${days}`);
		assert(tracks.length && venues.length && kinds.length, 'the program offers filter values');
		assert(sessions.length > 20, `the program links its sessions (${sessions.length})`);

		const program = `/events/${SLUG}`;
		const everyDay = days.map((d) => `${program}?day=${d}`);
		const everyFilter = [
			...tracks.map((v) => `${program}?day=all&track=${encodeURIComponent(v)}`),
			...venues.map((v) => `${program}?day=all&venue=${encodeURIComponent(v)}`),
			...kinds.map((v) => `${program}?day=all&kind=${encodeURIComponent(v)}`),
			`${program}?q=${encodeURIComponent('Dalian')}`,
			`${program}?q=${encodeURIComponent('人才')}`,
			`${program}?q=nothing-matches-this`
		];
		// Every zone on every day: days shift and slots meet across zones there.
		const everyZone = ZONES.flatMap((z) => days.map((d) => `${program}?day=${d}&tz=${encodeURIComponent(z)}`));
		const publicPages: CrawlTarget[] = [
			'/',
			...everyDay,
			'/partners',
			'/privacy',
			'/login',
			'/signup',
			'/forgot-password',
			`/login?next=${encodeURIComponent(`/events/${SLUG}/register`)}`, `/signup?next=${encodeURIComponent(`/events/${SLUG}/register`)}`,
			'/scan/pair',
			{ url: '/events/no-such-week', status: 404 },
			{ url: `${program}/sessions/NOPE`, status: 404 }
		];
		const attendee = { email: 'attendee@example.com', password: DEMO_PASSWORD };
		const staff = { email: 'staff@example.com', password: DEMO_PASSWORD };
		const attendeePages: CrawlTarget[] = ['/me', '/me/agenda', '/me/visa', '/account', `${program}/register`, `${program}?day=${days[0]}`, `${program}?day=all`, ...sessions.slice(0, 3)];
		const staffPages: CrawlTarget[] = ['/staff', '/me', '/account', `/scan/${SLUG}`, '/scan/pair'];

		const jobs: CrawlJob[] = [
			...everyCombination('anonymous', publicPages),
			// Filters, zones and every session and speaker page once per language (phone: the narrow case).
			{ who: 'anonymous', locale: 'en', viewport: 'phone', urls: [...everyFilter, ...sessions, ...speakers] },
			{ who: 'anonymous', locale: 'zh-CN', viewport: 'phone', urls: [...everyFilter, ...sessions.filter((_, i) => i % 3 === 0), ...speakers.slice(0, 5)] },
			{ who: 'anonymous', locale: 'zh-CN', viewport: 'desktop', urls: everyZone },
			...everyCombination('attendee', attendeePages, attendee),
			...everyCombination('staff', staffPages, staff)
		];
		// The accessibility scan: each page of the lists above once per viewport, in Chinese (the
		// language changes no roles or names); the zone and filter variants repeat the same markup.
		const a11y: string[] = [];
		const scanned = new Set<string>();
		const result = await crawl(browser, app.url, jobs, {
			concurrency: 3,
			checkText: spacingProblems,
			onPage: async (page, { job, url }) => {
				const key = `${job.who} ${job.viewport} ${url}`;
				if (job.locale !== 'zh-CN' || /[?&](tz|track|venue|kind|q)=/.test(url) || scanned.has(key)) return;
				scanned.add(key);
				for (const f of await axeFindings(page)) a11y.push(`[a11y] ${url} (${job.who}, ${job.viewport}): ${f}`);
			}
		});
		console.log(`  crawl: ${result.visited} page visits (${scanned.size} scanned by axe) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		const problems: string[] = [];
		try {
			assertClean(result);
		} catch (e) {
			problems.push((e as Error).message);
		}
		if (a11y.length) problems.push(`crawl: ${a11y.length} serious accessibility finding(s):\n${a11y.join('\n')}`);
		if (problems.length) throw new Error(problems.join('\n'));
	} finally {
		await browser.close();
		await app.stop();
	}
}
