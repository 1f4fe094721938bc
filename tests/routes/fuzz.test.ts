/**
 * Property-based fuzzing (fast-check) of every JSON endpoint and form action in the access matrix
 * with malformed, oversized, wrong-typed and hostile input: SQL and script injection strings, Unicode
 * edge cases, huge numbers, deep nesting. Properties: never a 5xx, and every API error has the shape
 * of CONTRACTS.md. Each entry is called by a role allowed to use it (and anonymously).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';
import { entries } from './access';
import { LOGINS, type Who } from './access/matrix';

const HOSTILE = [
	"' OR 1=1 --",
	"'; DROP TABLE users; --",
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'{{constructor.constructor("return process")()}}',
	'../../../../etc/passwd',
	'\u0000',
	'\uD800',
	'𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍💻 海创周',
	'\u202Eevil',
	'x'.repeat(20_000),
	'1e309',
	'-0',
	'NaN',
	'__proto__'
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		hostileString,
		fc.integer(),
		fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, 2 ** 31, -1, 0),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(hostileString, tie('value'), { maxKeys: 4 })
	)
})).value;
const FIELD_NAMES = ['email', 'password', 'name', 'code', 'id', 'userId', 'role', 'partnerId', 'locale', 'category', 'answers', 'status', 'capacity', 'title', 'scanId', 'checkpointId', 'scannedAt', 'next', 'redirectTo', 'roles', 'q', 'page'];
const jsonBody = fc.oneof(
	fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), hostileString), hostileValue, { maxKeys: 8 }).map((o) => JSON.stringify(o)),
	hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
	fc.string({ maxLength: 200 }) // not JSON at all
);
const formBody = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), hostileString), hostileString, { maxKeys: 8 });


let app: App;
const browsers = new Map<Who, Browser>();
beforeAll(async () => {
	app = await startApp({ env: { RATE_LIMIT: 'off' } });
	for (const who of Object.keys(LOGINS) as Exclude<Who, 'anonymous'>[]) {
		const b = new Browser(app.url);
		await b.logIn(LOGINS[who], DEMO_PASSWORD);
		browsers.set(who, b);
	}
	browsers.set('anonymous', new Browser(app.url));
}, 120_000);
afterAll(async () => {
	await app?.stop();
});

const targets = entries.filter((e) => e.method !== 'GET' && e.method !== 'fallback' && !e.denyOnly);
const fill = (p: string) => p.replace('{slug}', 'haichuang-2018').replace('{code}', 'HC101');
let cases = 0;

describe('fuzzing', () => {
	for (const e of targets) {
		const who: Who = (e.allow.find((w) => w !== 'admin' && w !== 'anonymous') ?? e.allow[0] ?? 'anonymous') as Who;
		it(`${e.method} ${e.path} as ${who} and anonymous`, async () => {
			const isForm = e.method.startsWith('POST ?/');
			const url = isForm ? (e.method === 'POST ?/default' ? fill(e.path) : `${fill(e.path)}?/${e.method.slice(7)}`) : fill(e.path);
			const method = isForm ? 'POST' : e.method;
			await fc.assert(
				fc.asyncProperty(isForm ? formBody.map((f) => ({ form: f })) : jsonBody.map((j) => ({ json: j })), fc.constantFrom<Who>(who, 'anonymous'), async (input, as) => {
					cases++;
					const b = browsers.get(as)!;
					const res =
						'form' in input
							? await b.post(url, input.form as Record<string, string>)
							: await b.fetch(url, { method, body: input.json, headers: { 'content-type': 'application/json', origin: app.url } });
					const text = await res.text();
					if (res.status >= 500) throw new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 300)}`);
					if (url.startsWith('/api/') && res.status >= 400) {
						const body = JSON.parse(text);
						if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') throw new Error(`bad error shape: ${text.slice(0, 200)}`);
					}
				}),
				{ numRuns: 25, seed: 2018 }
			);
		}, 120_000);
	}

	it('ran hundreds of hostile cases', () => {
		expect(targets.length).toBeGreaterThan(10);
		expect(cases).toBe(targets.length * 25);
		console.log(`[fuzz] ${targets.length} JSON endpoints and form actions × 25 hostile inputs = ${cases} cases, no 5xx, every API error in the CONTRACTS.md shape`);
	});
});
