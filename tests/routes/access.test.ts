/**
 * Access matrix over real HTTP: every route under src/routes must have entries in
 * tests/routes/access/ (a new route without one fails here), and each entry is requested as every
 * role (anonymous, attendee, partner representative, staff, organizer, admin) and checked against
 * the expected allow or deny.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';
import { entries } from './access';
import { EVERYONE, LOGINS, type Who, type Entry } from './access/matrix';

const ROUTES = path.resolve('src/routes');

/** The first match of `re` in a .ts file under src/lib (where shared action objects live). */
function findInLib(re: RegExp): RegExpMatchArray | undefined {
	const walk = (dir: string): RegExpMatchArray | undefined => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			const m = e.isDirectory() ? walk(p) : p.endsWith('.ts') ? (fs.readFileSync(p, 'utf8').match(re) ?? undefined) : undefined;
			if (m) return m;
		}
	};
	return walk(path.resolve('src/lib'));
}

/** `export const name = { ... };` */
const sharedObject = (name: string) => findInLib(new RegExp(`export const ${name}[^=]*=\\s*\\{([\\s\\S]*?)\\n\\};`))?.[1];
/** The object `export function name(...)` returns, re-indented to read like a top-level one. */
const factoryObject = (name: string) => findInLib(new RegExp(`export function ${name}\\b[\\s\\S]*?\\n\\treturn \\{([\\s\\S]*?)\\n\\t\\};`))?.[1].replace(/^\t/gm, '');

/** (route id, method) pairs declared in the source tree. */
function declared(): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else {
				const id = '/' + path.relative(ROUTES, dir).split(path.sep).join('/');
				const route = id === '/' ? '/' : id.replace(/\/$/, '');
				const src = () => fs.readFileSync(p, 'utf8');
				if (e.name === '+page.svelte') out.push(`${route} GET`);
				if (e.name === '+server.ts') for (const m of src().matchAll(/export const (GET|POST|PUT|PATCH|DELETE|fallback)\b/g)) out.push(`${route} ${m[1]}`);
				if (e.name === '+page.server.ts') {
					const text = src();
					let body = text.match(/export const actions[^=]*=\s*\{([\s\S]*)\};?\s*$/)?.[1];
					// `export const actions = sharedActions;`: read the shared object where it is defined.
					const shared = text.match(/export const actions[^=]*=\s*(\w+);/)?.[1];
					if (!body && shared) body = sharedObject(shared);
					// `export const actions = makeActions(...)`: the keys of the object the factory returns.
					const factory = text.match(/export const actions[^=]*=\s*(\w+)\(/)?.[1];
					if (!body && factory) body = factoryObject(factory);
					if (body) for (const m of body.matchAll(/^\t(\w+):/gm)) out.push(`${route} POST ?/${m[1]}`);
				}
			}
		}
	};
	walk(ROUTES);
	return [...new Set(out)].sort();
}


let app: App;
const browsers = new Map<Who, Browser>();
const ctx: Record<string, string> = {};
let requests = 0;

beforeAll(async () => {
	app = await startApp();
	for (const who of EVERYONE) {
		const b = new Browser(app.url);
		if (who !== 'anonymous') await b.logIn(LOGINS[who], DEMO_PASSWORD);
		browsers.set(who, b);
	}
	ctx.slug = 'haichuang-2018';
	ctx.code = 'HC101';
	// Ids from the demo data, looked up as the organizer.
	const org = browsers.get('organizer')!;
	const regs = await (await org.fetch(`/api/v1/events/${ctx.slug}/registrations?q=attendee@example.com`)).json();
	ctx.registration = regs.registrations.find((r: { email?: string }) => r.email === 'attendee@example.com')?.id ?? regs.registrations[0].id;
	const cps = await (await org.fetch(`/api/v1/events/${ctx.slug}/checkpoints`)).json();
	ctx.checkpoint = (cps.checkpoints ?? cps)[0].id;
	ctx.partnerId = (await (await browsers.get('partner')!.fetch('/api/v1/me')).json()).partnerId;
	ctx.visaRequest = (await (await browsers.get('attendee')!.fetch(`/api/v1/events/${ctx.slug}/visa/requests`)).json()).requests[0].id;
}, 120_000);
afterAll(async () => {
	await app?.stop();
});

function fill(p: string) {
	return p.replace(/\{(\w+)\}/g, (_, k) => ctx[k] ?? `{${k}}`);
}

async function request(who: Who, e: Entry): Promise<Response> {
	const b = browsers.get(who)!;
	const url = fill(e.path);
	if (e.method.startsWith('POST ?/')) {
		const action = e.method.slice(7);
		return b.post(action === 'default' ? url : `${url}?/${action}`, {});
	}
	const method = e.method === 'fallback' ? 'GET' : e.method;
	const headers = new Headers(e.init?.headers);
	if (method !== 'GET') {
		headers.set('origin', app.url);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	return b.fetch(url, { method, ...e.init, headers, body: method === 'GET' ? undefined : (e.init?.body ?? '{}') });
}

function denied(res: Response): boolean {
	if ([401, 403, 404].includes(res.status)) return true;
	const loc = res.headers.get('location') ?? '';
	return res.status === 303 && loc.startsWith('/login');
}

describe('access matrix', () => {
	it('has an entry for every route, method and form action', () => {
		const have = new Set(entries.map((e) => `${e.route} ${e.method}`));
		const missing = declared().filter((d) => !have.has(d));
		expect(missing).toEqual([]);
	});

	for (const who of EVERYONE) {
		it(`as ${who}`, async () => {
			const wrong: string[] = [];
			for (const e of entries) {
				const allowed = e.allow.includes(who);
				if (allowed && e.denyOnly) continue;
				const res = await request(who, e);
				requests++;
				await res.body?.cancel();
				if (res.status >= 500) wrong.push(`${e.method} ${fill(e.path)} → ${res.status}`);
				else if (allowed === denied(res)) wrong.push(`${e.method} ${fill(e.path)} → ${res.status} ${res.headers.get('location') ?? ''} (expected ${allowed ? 'allow' : 'deny'})`);
			}
			expect(wrong).toEqual([]);
		});
	}

	// The figures quoted in docs/SECURITY.md ("What the tests prove").
	it('checked every entry as every role', () => {
		const skipped = entries.filter((e) => e.denyOnly).reduce((n, e) => n + e.allow.length, 0);
		expect(requests).toBe(entries.length * EVERYONE.length - skipped);
		console.log(
			`[access] ${new Set(entries.map((e) => e.route)).size} routes, ${entries.length} entries (route, method or form action) × ${EVERYONE.length} roles = ${entries.length * EVERYONE.length} pairs; ${requests} requests (${skipped} allowed state-changing pairs checked for denial only)`
		);
	});
});
