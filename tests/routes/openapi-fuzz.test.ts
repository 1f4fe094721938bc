/**
 * A property-based test generated from the OpenAPI document itself (issue 19), as a schema-driven
 * fuzzer from outside would: for every operation of `/api/v1/openapi.json`, path parameters, query
 * values and bodies are drawn from the operation's own schemas (fast-check), mixed with hostile
 * values (NUL, lone surrogates, control characters, `..`, `%`, bad percent escapes, quotes, 100 KB
 * strings, wrong types), and sent anonymously, with a full-access token of each role, with an
 * organizer's token of each single scope, and with a scanner device token. It fails on any 5xx, on
 * any status the operation does not declare, on a content type it does not declare, and on any JSON
 * body off its declared schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { startApp, Browser, DEMO_PASSWORD, type App } from '../helpers/app';
import { LOGINS } from './access/matrix';
import { API_SCOPES } from '$lib/schemas/auth';

type Schema = Record<string, unknown> & { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema };
interface Param {
	name: string;
	in: 'path' | 'query';
	required?: boolean;
	schema?: Schema;
}
interface Operation {
	operationId: string;
	parameters?: Param[];
	requestBody?: { content: Record<string, { schema: Schema }> };
	responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const SLUG = 'haichuang-2018';
const RUNS = 10;
const SEED = 190019;

let app: App;
let doc: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
const credentials = new Map<string, string | null>();
const known: Record<string, string> = {};

// ---- hostile values ----------------------------------------------------------------------------
const BIG = 'x'.repeat(100_000);
const HOSTILE_STRINGS = ['a\u0000b', '\u0000', '\uD800', 'x\uDFFFy', 'a\u0007b', '\u001B[31m', '\u0085', '..', '../..', '%', '%00', '%zz', "'", '"', "' OR 1=1 --", '<script>', '\uFFFF', BIG];
const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const wrongType = fc.constantFrom<unknown>(0, -1, 1e308, 3.5, true, false, null, [], {}, ['a'], { a: 1 }, [null]);
const hostileValue = fc.oneof(hostileString, wrongType);

/** Percent-encodes even what `encodeURIComponent` refuses: a lone surrogate goes out as its WTF-8 bytes. */
function encode(s: string): string {
	if (s === '%zz' || s === '%') return s; // raw: a malformed escape on the wire
	let out = '';
	for (const ch of s) {
		try {
			out += encodeURIComponent(ch);
		} catch {
			const c = ch.charCodeAt(0);
			out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
		}
	}
	return out;
}

// ---- JSON Schema → fast-check -----------------------------------------------------------------
function resolveRef(s: Schema): Schema {
	if (typeof s.$ref === 'string') return doc.components.schemas[s.$ref.split('/').pop()!];
	return s;
}

function fromSchema(input: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
	if (!input || Object.keys(input).length === 0) return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
	const s = resolveRef(input);
	if ('const' in s) return fc.constant(s.const);
	if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
	for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) return fc.oneof(...(s[k] as Schema[]).map((x) => fromSchema(x, depth)));
	if (Array.isArray(s.allOf)) return fromSchema(Object.assign({}, ...(s.allOf as Schema[])), depth);
	const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : [];
	if (types.length > 1) return fc.oneof(...types.map((t) => fromSchema({ ...s, type: t }, depth)));
	const min = (k: string, d: number) => (typeof s[k] === 'number' ? (s[k] as number) : d);
	switch (types[0]) {
		case 'null':
			return fc.constant(null);
		case 'boolean':
			return fc.boolean();
		case 'integer':
			return fc.integer({ min: Math.max(min('minimum', -1000), -1e9), max: Math.min(min('maximum', 100_000), 1e9) });
		case 'number':
			return fc.double({ min: min('minimum', -1e6), max: min('maximum', 1e6), noNaN: true, noDefaultInfinity: true });
		case 'string': {
			const lo = min('minLength', 0);
			const hi = Math.min(min('maxLength', 40), lo + 60);
			const fit = (a: fc.Arbitrary<string>) => a.filter((v) => v.length >= lo && v.length <= min('maxLength', Infinity));
			if (s.format === 'uuid') return fc.uuid();
			if (s.format === 'email') return fit(fc.emailAddress());
			if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
			if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
			if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
			if (typeof s.pattern === 'string') return fit(fc.stringMatching(new RegExp(s.pattern, 'u')));
			return fc.string({ minLength: lo, maxLength: Math.max(hi, lo) });
		}
		case 'array':
			return fc.array(fromSchema(s.items, depth + 1), { minLength: min('minItems', 0), maxLength: Math.min(min('maxItems', 3), Math.max(min('minItems', 0), 3)) });
		case 'object': {
			if (depth > 4 || !s.properties) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
			const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
			return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
		}
		default:
			return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
	}
}

/** A body from the schema, then sometimes one field (or the whole body) made hostile. */
function bodyArb(schema: Schema): fc.Arbitrary<{ text: string; type: string }> {
	const keys = Object.keys(resolveRef(schema).properties ?? {});
	const mutated = fc.tuple(fromSchema(schema), fc.constantFrom(...keys, 'extra', '__proto__', 'a\u0000b'), hostileValue).map(([v, k, h]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: h } : h));
	return fc.oneof(
		{ weight: 3, arbitrary: fromSchema(schema).map((v) => ({ text: JSON.stringify(v), type: 'application/json' })) },
		{ weight: 5, arbitrary: mutated.map((v) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' })) },
		{ weight: 1, arbitrary: hostileValue.map((v) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' })) },
		{ weight: 1, arbitrary: fc.constantFrom('{"a":', 'not json', '', '\u0000').map((text) => ({ text, type: 'application/json' })) },
		{ weight: 1, arbitrary: fromSchema(schema).map((v) => ({ text: JSON.stringify(v), type: 'text/plain' })) }
	);
}

const stringify = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function paramArb(p: Param): fc.Arbitrary<string | undefined> {
	const good = known[p.name] !== undefined ? [{ weight: p.in === 'path' ? 6 : 2, arbitrary: fc.constant(known[p.name]) }] : [];
	const drawn = fc.oneof(...good, { weight: 2, arbitrary: fromSchema(p.schema).map(stringify) }, { weight: 2, arbitrary: hostileString });
	return p.in === 'path' || p.required ? drawn : fc.option(drawn, { nil: undefined, freq: 3 });
}

// ---- response validation -----------------------------------------------------------------------
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const inline = (s: unknown): unknown => {
	if (Array.isArray(s)) return s.map(inline);
	if (s && typeof s === 'object') {
		const o = s as Record<string, unknown>;
		if (typeof o.$ref === 'string') return inline(resolveRef(o as Schema));
		return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inline(v)]));
	}
	return s;
};
const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Schema) {
	let v = validators.get(key);
	if (!v) validators.set(key, (v = ajv.compile(inline(schema) as object)));
	return v;
}

beforeAll(async () => {
	app = await startApp({ env: { RATE_LIMIT: 'off' } });
	doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
	credentials.set('anonymous', null);
	const token = async (email: string, scopes?: string[]) => {
		const res = await fetch(`${app.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD, name: 'fuzz', ...(scopes ? { scopes } : {}) }) });
		const body = await res.json();
		if (res.status !== 201) throw new Error(`token for ${email}: ${res.status} ${JSON.stringify(body)}`);
		return body.token as string;
	};
	for (const [role, email] of Object.entries(LOGINS)) credentials.set(role, await token(email));
	for (const scope of API_SCOPES) credentials.set(`organizer:${scope}`, await token(LOGINS.organizer, [scope]));
	const org = credentials.get('organizer')!;
	const get = async (p: string, t: string | null = org) => (await fetch(`${app.url}/api/v1${p}`, { headers: t ? { authorization: `Bearer ${t}` } : {} })).json();
	known.slug = SLUG;
	known.id = (await get(`/events/${SLUG}/registrations?q=attendee@example.com`)).registrations[0].id;
	const checkpoints = (await get(`/events/${SLUG}/checkpoints`)).checkpoints as { id: string }[];
	known.category = (await get(`/events/${SLUG}/categories`)).categories[0].slug;
	known.q = 'Example';
	known.event = SLUG;
	// A scanner device paired from the organizer page, as the door staff would.
	const b = new Browser(app.url);
	await b.logIn(LOGINS.organizer, DEMO_PASSWORD);
	const html = await (await b.post(`/organizer/events/${SLUG}/checkpoints?/pair`, { name: 'Fuzz phone', checkpointIds: checkpoints[0].id })).text();
	const code = /\/scan\/pair#([a-z2-7]+)/.exec(html)![1];
	const pair = await (await fetch(`${app.url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json();
	credentials.set('device', pair.token);
	// Path ids by operation: a registration, a checkpoint or a partner.
	known.checkpoint = checkpoints[0].id;
	known.partner = (await get('/me', credentials.get('partner')!)).partnerId;
}, 240_000);
afterAll(async () => {
	await app?.stop();
});

const perCredential = new Map<string, number>();
const statuses = new Map<number, number>();
let cases = 0;
let operations = 0;

describe('the API against its own OpenAPI document', () => {
	it('declares every operation with responses and the error schema', () => {
		expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
		expect(doc.components.schemas.Error).toBeTruthy();
	});

	it('answers every generated and hostile request with a declared status, content type and schema, never a 5xx', async () => {
		const failures: string[] = [];
		let lastError: string | undefined;
		const t0 = Date.now();
		for (const [path, item] of Object.entries(doc.paths)) {
			const itemParams = (item.parameters as Param[] | undefined) ?? [];
			for (const [method, raw] of Object.entries(item)) {
				if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
				const op = raw as Operation;
				operations++;
				const params = [...itemParams, ...(op.parameters ?? [])].map((p) => ({ ...p, name: p.name === 'id' ? pathIdName(path) : p.name, real: p.name }));
				const bodySchema = op.requestBody?.content['application/json']?.schema;
				const input = fc.record({
					params: fc.tuple(...params.map((p) => paramArb(p)), fc.constant(undefined)),
					body: bodySchema ? bodyArb(bodySchema) : fc.constant(undefined),
					extra: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileString })
				});
				for (const [who, token] of credentials) {
					await fc.assert(
						fc.asyncProperty(input, async ({ params: values, body, extra }) => {
							cases++;
							perCredential.set(who, (perCredential.get(who) ?? 0) + 1);
							let url = path;
							const query: string[] = [];
							params.forEach((p, i) => {
								const v = values[i];
								if (p.in === 'path') url = url.replace(`{${p.real}}`, encode(v ?? ''));
								else if (v !== undefined) query.push(`${encode(p.real)}=${encode(v)}`);
							});
							if (extra !== undefined) query.push(`extra=${encode(extra)}`);
							const full = `${app.url}/api/v1${url}${query.length ? `?${query.join('&')}` : ''}`;
							const headers: Record<string, string> = {};
							if (token) headers.authorization = `Bearer ${token}`;
							if (body) headers['content-type'] = body.type;
							const res = await fetch(full, { method: method.toUpperCase(), headers, body: body?.text });
							const text = await res.text();
							statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
							const where = `${method.toUpperCase()} ${url.slice(0, 120)} as ${who}`;
							const declared = op.responses[String(res.status)] ?? op.responses.default;
							const fail = (m: string) => {
								lastError = m;
								throw new Error(m);
							};
							if (res.status >= 500) fail(`${where} → ${res.status}: ${text.slice(0, 300)}`);
							if (!declared) fail(`${where} → undeclared ${res.status} (declared ${Object.keys(op.responses).join(', ')}): ${text.slice(0, 300)}`);
							const types = Object.keys(declared.content ?? {});
							const mime = (res.headers.get('content-type') ?? '').split(';')[0].trim();
							if (!types.length) {
								if (text !== '') fail(`${where} → ${res.status} has a body, declared none`);
								return;
							}
							if (!types.includes(mime)) fail(`${where} → ${res.status} ${mime}, declared ${types.join(', ')}`);
							const schema = declared.content![mime].schema;
							if (mime === 'application/json' && schema) {
								const v = validatorFor(`${path} ${method} ${res.status}`, schema);
								if (!v(JSON.parse(text))) fail(`${where} → ${res.status} off its schema: ${ajv.errorsText(v.errors)} in ${text.slice(0, 300)}`);
							}
						}),
						{ numRuns: RUNS, seed: SEED + operations, endOnFailure: true }
					).catch((e: Error) => failures.push(lastError ?? e.message.slice(0, 500)));
					lastError = undefined;
				}
			}
		}
		const seconds = Math.round((Date.now() - t0) / 1000);
		const roles = [...perCredential].map(([w, n]) => `${w} ${n}`).join(', ');
		const st = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
		console.log(`[openapi-fuzz] ${operations} operations × ${credentials.size} credentials × ${RUNS} runs = ${cases} cases in ${seconds} s; per credential: ${roles}; statuses: ${st}; failures: ${failures.length}`);
		expect(failures).toEqual([]);
		expect(cases).toBeGreaterThanOrEqual(operations * credentials.size * RUNS);
	}, 600_000);
});

/** `{id}` names a registration, a checkpoint or a partner depending on the path. */
function pathIdName(path: string) {
	if (path.startsWith('/checkpoints/')) return 'checkpoint';
	if (path.startsWith('/partners/')) return 'partner';
	return 'id';
}
