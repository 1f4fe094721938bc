/**
 * A small browser crawler for the journeys: visits a list of pages in one Chromium (a few pages at
 * once), per language, viewport and signed-in person, and collects everything a visitor would suffer
 * from: console errors, uncaught page errors (Svelte's `each_key_duplicate` while hydrating is one),
 * Svelte warnings (hydration mismatches), failed requests and 4xx/5xx responses, an unexpected status
 * of the page itself, and horizontal overflow on a phone.
 *
 *   const issues = await crawl(browser, app.url, [
 *     { who: 'attendee', login: { email, password }, locale: 'en', viewport: 'phone', urls: ['/me', '/me/agenda'] }
 *   ]);
 *   assertClean(issues);
 *
 * Each job gets its own browser context (own cookies), so people and languages never mix.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

export const VIEWPORTS = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1440, height: 900 }
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export type CrawlLocale = 'en' | 'zh-CN';

/** One page to visit: a path, or a path with the status it must answer (default 200). */
export type CrawlTarget = string | { url: string; status?: number; /** skip the phone overflow check (e.g. a deliberately wide editor) */ allowOverflow?: boolean };

export interface CrawlJob {
	/** a label for reports, e.g. 'anonymous', 'attendee' */
	who: string;
	login?: { email: string; password: string };
	locale: CrawlLocale;
	viewport: ViewportName;
	urls: CrawlTarget[];
	/** Also visit same-origin links found on the pages, when this says yes (at most `maxFollowed`). */
	follow?: (url: URL) => boolean;
	maxFollowed?: number;
}

export interface CrawlIssue {
	who: string;
	locale: CrawlLocale;
	viewport: ViewportName;
	url: string;
	kind: 'console' | 'pageerror' | 'svelte-warning' | 'request' | 'status' | 'overflow' | 'navigation' | 'login' | 'text';
	text: string;
}

export interface CrawlOptions {
	/** pages open at once across all jobs (default 3: this machine has 2 cores) */
	concurrency?: number;
	/** requests whose failure is expected (aborted media, ...) */
	ignoreRequest?: (url: string) => boolean;
	/** console texts to ignore (keep this empty unless a browser quirk forces it) */
	ignoreConsole?: (text: string) => boolean;
	/** Problems in the page's visible text (innerText), e.g. `spacingProblems`; each one is an issue. */
	checkText?: (text: string, info: { url: string; locale: CrawlLocale }) => string[];
	/** called after each page was checked, e.g. to take screenshots */
	onPage?: (page: Page, info: { job: CrawlJob; url: string }) => Promise<void>;
}

export interface CrawlResult {
	issues: CrawlIssue[];
	visited: number;
}

/** A context for one person in one language and viewport; signs in through the login form's action. */
export async function crawlContext(browser: Browser, base: string, job: Pick<CrawlJob, 'locale' | 'viewport' | 'login'>): Promise<BrowserContext> {
	const ctx = await browser.newContext({
		viewport: VIEWPORTS[job.viewport],
		locale: job.locale === 'en' ? 'en-US' : 'zh-CN',
		extraHTTPHeaders: { 'accept-language': job.locale }
	});
	const host = new URL(base).hostname;
	await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: job.locale, domain: host, path: '/' }]);
	if (job.login) {
		const res = await ctx.request.post(base + '/login', {
			form: { email: job.login.email, password: job.login.password },
			headers: { origin: base, accept: 'text/html' },
			maxRedirects: 0
		});
		if (res.status() !== 303) throw new Error(`crawl: login failed for ${job.login.email}: ${res.status()}`);
		const to = res.headers()['location'] ?? '';
		if (to.includes('/2fa')) throw new Error(`crawl: ${job.login.email} needs a second factor; crawl it another way`);
	}
	return ctx;
}

const target = (t: CrawlTarget) => (typeof t === 'string' ? { url: t, status: 200, allowOverflow: false } : { status: 200, allowOverflow: false, ...t });

/** Visits one page and returns what went wrong on it. The page's listeners are its own. */
export async function visit(page: Page, base: string, job: CrawlJob, t: CrawlTarget, opts: CrawlOptions = {}): Promise<{ issues: CrawlIssue[]; links: string[] }> {
	const { url, status, allowOverflow } = target(t);
	const issues: CrawlIssue[] = [];
	const add = (kind: CrawlIssue['kind'], text: string) => issues.push({ who: job.who, locale: job.locale, viewport: job.viewport, url, kind, text: text.slice(0, 500) });
	const onConsole = (msg: ConsoleMessage) => {
		const text = msg.text();
		if (opts.ignoreConsole?.(text)) return;
		// A 4xx/5xx is reported once, from the response listener, with its URL.
		if (msg.type() === 'error' && /^Failed to load resource/.test(text)) return;
		if (msg.type() === 'error') add('console', text);
		else if (msg.type() === 'warning' && /svelte|hydrat/i.test(text)) add('svelte-warning', text);
	};
	const onPageError = (e: Error) => add('pageerror', `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}`);
	const onFailed = (req: import('playwright-core').Request) => {
		const u = req.url();
		const err = req.failure()?.errorText ?? '';
		// Navigating away aborts what was still loading; that is the crawler's doing, not the page's.
		if (err.includes('ERR_ABORTED') || opts.ignoreRequest?.(u)) return;
		add('request', `${req.method()} ${u}: ${err}`);
	};
	const onResponse = (res: import('playwright-core').Response) => {
		if (res.request().isNavigationRequest() && res.request().frame() === page.mainFrame()) return;
		if (res.status() >= 400 && !opts.ignoreRequest?.(res.url())) add('request', `${res.request().method()} ${res.url()}: ${res.status()}`);
	};
	page.on('console', onConsole);
	page.on('pageerror', onPageError);
	page.on('requestfailed', onFailed);
	page.on('response', onResponse);
	let links: string[] = [];
	try {
		const res = await page.goto(base + url, { waitUntil: 'load', timeout: 30_000 });
		if (!res) add('navigation', 'no response');
		else if (res.status() !== status) add('status', `answered ${res.status()}, expected ${status}`);
		// Hydration runs once the modules are in; wait for the network to settle (live pages never do).
		await page.waitForLoadState('networkidle', { timeout: 4_000 }).catch(() => {});
		if (job.viewport === 'phone' && !allowOverflow) {
			const over = await page.evaluate(() => {
				const w = document.documentElement.clientWidth;
				if (document.documentElement.scrollWidth <= w + 1) return null;
				// Name the widest offenders, to find them quickly.
				const out: string[] = [];
				for (const el of Array.from(document.body.querySelectorAll('*'))) {
					const r = el.getBoundingClientRect();
					if (r.right > w + 1 && r.width > 0) {
						const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
						out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right ${Math.round(r.right)})`);
						if (out.length >= 5) break;
					}
				}
				return `page is ${document.documentElement.scrollWidth}px wide at a ${w}px viewport: ${out.join(', ')}`;
			});
			if (over) add('overflow', over);
		}
		if (opts.checkText) {
			const text = await page.evaluate(() => document.body.innerText);
			for (const p of opts.checkText(text, { url, locale: job.locale })) add('text', p);
		}
		if (job.follow) {
			links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
		}
		await opts.onPage?.(page, { job, url });
	} catch (e) {
		add('navigation', e instanceof Error ? e.message : String(e));
	} finally {
		page.off('console', onConsole);
		page.off('pageerror', onPageError);
		page.off('requestfailed', onFailed);
		page.off('response', onResponse);
	}
	return { issues, links };
}

/** Runs the jobs, `concurrency` pages at a time over all of them, in one browser. */
export async function crawl(browser: Browser, base: string, jobs: CrawlJob[], opts: CrawlOptions = {}): Promise<CrawlResult> {
	const issues: CrawlIssue[] = [];
	let visited = 0;
	const contexts = new Map<CrawlJob, Promise<BrowserContext>>();
	const ctxFor = (job: CrawlJob) => {
		let c = contexts.get(job);
		if (!c) contexts.set(job, (c = crawlContext(browser, base, job)));
		return c;
	};
	// A queue of (job, target); followed links are appended as they are found.
	const queue: { job: CrawlJob; t: CrawlTarget }[] = jobs.flatMap((job) => job.urls.map((t) => ({ job, t })));
	const seen = new Map<CrawlJob, Set<string>>(jobs.map((j) => [j, new Set(j.urls.map((t) => target(t).url))]));
	const followed = new Map<CrawlJob, number>();
	const origin = new URL(base).origin;
	const worker = async () => {
		let page: Page | null = null;
		let pageCtx: BrowserContext | null = null;
		for (let item = queue.shift(); item; item = queue.shift()) {
			const { job, t } = item;
			let ctx: BrowserContext;
			try {
				ctx = await ctxFor(job);
			} catch (e) {
				issues.push({ who: job.who, locale: job.locale, viewport: job.viewport, url: target(t).url, kind: 'login', text: String(e) });
				continue;
			}
			if (pageCtx !== ctx) {
				await page?.close();
				page = await ctx.newPage();
				pageCtx = ctx;
			}
			const r = await visit(page!, base, job, t, opts);
			visited++;
			issues.push(...r.issues);
			if (job.follow) {
				for (const href of r.links) {
					const u = new URL(href);
					if (u.origin !== origin) continue;
					u.hash = '';
					const path = u.pathname + u.search;
					const s = seen.get(job)!;
					if (s.has(path) || !job.follow(u)) continue;
					if ((followed.get(job) ?? 0) >= (job.maxFollowed ?? 50)) break;
					s.add(path);
					followed.set(job, (followed.get(job) ?? 0) + 1);
					queue.push({ job, t: path });
				}
			}
		}
		await page?.close();
	};
	try {
		await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, worker));
	} finally {
		for (const c of contexts.values()) await c.then((x) => x.close()).catch(() => {});
	}
	return { issues, visited };
}

/** Throws with a readable list (grouped by page) when the crawl found anything. */
export function assertClean(result: CrawlResult, label = 'crawl') {
	if (!result.issues.length) return;
	const lines = result.issues.map((i) => `  [${i.kind}] ${i.url} (${i.who}, ${i.locale}, ${i.viewport}): ${i.text}`);
	throw new Error(`${label}: ${result.issues.length} issue(s) on ${new Set(result.issues.map((i) => i.url)).size} page(s) of ${result.visited} visited:\n${lines.join('\n')}`);
}

/** Every combination of the two languages and two viewports for one person's list of pages. */
export function everyCombination(who: string, urls: CrawlTarget[], login?: CrawlJob['login'], extra: Partial<CrawlJob> = {}): CrawlJob[] {
	const out: CrawlJob[] = [];
	for (const locale of ['zh-CN', 'en'] as const) for (const viewport of ['phone', 'desktop'] as const) out.push({ who, login, locale, viewport, urls, ...extra });
	return out;
}

/**
 * Separators and brackets that lost their spaces in templates ("Main Hall·Dalian", "Center(Dalian)"),
 * and Chinese run into a Latin word or a number after it ("报名参加2018", "AI论坛"; W3C clreq). A number
 * written into Chinese with its unit ("12月2日", "共150个") is fine.
 */
export function spacingProblems(text: string): string[] {
	const out = new Set<string>();
	const han = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
	const re = new RegExp(`.{0,12}(?:[^\\s]·|·[^\\s]|[A-Za-z${han}]\\((?=[A-Za-z${han}])|[${han}](?:[A-Za-z]|\\d+(?![\\d${han}]))|[A-Za-z][${han}]).{0,12}`, 'g');
	for (const line of text.split('\n')) for (const m of line.matchAll(re)) out.add(`missing space: “${m[0]}”`);
	return [...out].slice(0, 5);
}

let axeSource: string | undefined;

/** axe-core on the page as it is; its serious and critical findings, one line per rule. */
export async function axeFindings(page: Page): Promise<string[]> {
	axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
	await page.evaluate(axeSource);
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
	});
}
