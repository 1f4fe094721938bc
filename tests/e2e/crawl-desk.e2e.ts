/**
 * The desk crawl: every organizer page of the demo event (settings, timetable on every day, releases,
 * sessions, registrations and a few of them, categories, checkpoints and devices, import, live,
 * partners and each partner), the admin pages and the partner portal, for each demo role that may
 * see them (and the 403 for those who may not), in both languages, on a phone and a desktop.
 * Fails on any console error, uncaught error, Svelte warning, failed request, unexpected status,
 * sideways scrolling on the phone, a separator without its spaces, or a serious accessibility
 * finding (axe-core) on the pages scanned.
 */
import { startApp, DEMO_PASSWORD } from '../helpers/app';
import { launch } from './browser';
import { crawl, assertClean, axeFindings, spacingProblems, type CrawlJob, type CrawlTarget, type CrawlLocale, type ViewportName } from './crawl-lib';

const SLUG = 'haichuang-2018';
const EV = `/organizer/events/${SLUG}`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Links worth following from the desk pages: a few of each kind, so the crawl stays minutes long. */
function deskLinks(): (u: URL) => boolean {
	const seen = new Map<string, number>();
	const kinds: [RegExp, number][] = [
		[new RegExp(`^${EV}/schedule$`), 6], // ?day=… (each day); ?sel=… is skipped below
		[new RegExp(`^${EV}/registrations/${UUID}$`), 3],
		[new RegExp(`^${EV}/releases/\\d+$`), 2],
		[new RegExp(`^${EV}/sessions/[A-Z0-9-]+$`), 3],
		[new RegExp(`^${EV}/visa/${UUID}$`), 2],
		[new RegExp(`^/organizer/partners/${UUID}$`), 5]
	];
	return (u) => {
		if (u.searchParams.has('sel')) return false;
		const kind = kinds.find(([re]) => re.test(u.pathname));
		if (!kind) return false;
		const key = kind[0].source;
		const n = seen.get(key) ?? 0;
		if (n >= kind[1]) return false;
		seen.set(key, n + 1);
		return true;
	};
}

export default async function run() {
	const app = await startApp();
	const browser = await launch();
	const t0 = Date.now();
	const login = (role: string) => ({ email: `${role}@example.com`, password: DEMO_PASSWORD });
	try {
		const organizerPages: CrawlTarget[] = [
			'/organizer',
			EV,
			`${EV}/schedule`,
			`${EV}/releases`,
			`${EV}/sessions`,
			`${EV}/import`,
			`${EV}/registrations`,
			`${EV}/registrations?status=pending`,
			`${EV}/registrations?country=CA&field=ai`,
			`${EV}/registrations?q=${encodeURIComponent('王')}`,
			`${EV}/registrations?page=2`,
			`${EV}/categories`,
			`${EV}/checkpoints`,
			`${EV}/live`,
			`${EV}/partners`,
			`${EV}/visa`,
			'/organizer/partners',
			'/partners'
		];
		const adminPages: CrawlTarget[] = ['/admin', '/admin/users', '/admin/users?page=2', `/admin/users?q=${encodeURIComponent('chen')}`, '/admin/audit', '/admin/audit?page=2', '/admin/audit?action=registrations', '/admin/outbox', '/organizer', `${EV}/registrations`, `${EV}/live`];
		const partnerPages: CrawlTarget[] = ['/partner', '/partner/delegates', '/partner/projects', '/partner/visa', '/partners'];
		const denied = (urls: string[]): CrawlTarget[] => urls.map((url) => ({ url, status: 403 }));

		const jobs: CrawlJob[] = [];
		for (const locale of ['zh-CN', 'en'] as CrawlLocale[]) {
			for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
				jobs.push({ who: 'organizer', login: login('organizer'), locale, viewport, urls: organizerPages, follow: deskLinks(), maxFollowed: 20 });
				jobs.push({ who: 'admin', login: login('admin'), locale, viewport, urls: adminPages });
				jobs.push({ who: 'partner', login: login('partner'), locale, viewport, urls: [...partnerPages, ...denied(['/organizer', '/admin'])] });
			}
		}
		// Roles without a desk are turned away politely (once per language is enough).
		for (const locale of ['zh-CN', 'en'] as CrawlLocale[]) {
			jobs.push({ who: 'staff', login: login('staff'), locale, viewport: 'phone', urls: denied(['/organizer', `${EV}/registrations`, '/admin', '/partner']) });
			jobs.push({ who: 'attendee', login: login('attendee'), locale, viewport: 'phone', urls: denied(['/organizer', '/admin/users', '/partner/delegates']) });
		}

		const a11y: string[] = [];
		const result = await crawl(browser, app.url, jobs, {
			concurrency: 3,
			checkText: spacingProblems,
			// The accessibility scan on the desk pages, once per viewport (the language does not change roles or names).
			onPage: async (page, { job, url }) => {
				if (job.locale !== 'zh-CN' || !['organizer', 'admin', 'partner'].includes(job.who)) return;
				for (const f of await axeFindings(page)) a11y.push(`[a11y] ${url} (${job.who}, ${job.viewport}): ${f}`);
			}
		});
		console.log(`  desk crawl: ${result.visited} page visits in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		const problems: string[] = [];
		try {
			assertClean(result, 'desk crawl');
		} catch (e) {
			problems.push((e as Error).message);
		}
		if (a11y.length) problems.push(`desk crawl: ${a11y.length} serious accessibility finding(s):\n${a11y.join('\n')}`);
		if (problems.length) throw new Error(problems.join('\n'));
	} finally {
		await browser.close();
		await app.stop();
	}
}
