/** The demo week reads like a real one: ordinary names and addresses, and a morning at the doors. */
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { seedDemo } from '$lib/server/seed';
import { users } from '$lib/server/auth/tables';
import { speakers, venues } from '$lib/server/schedule/tables';
import { delegates, partners } from '$lib/server/partners/tables';
import { scans } from '$lib/server/checkin/tables';
import { auditLog } from '$lib/server/audit/tables';
import { inventedPerson } from '$lib/server/seed/data';

useTestDatabase();

const PLACEHOLDER = /example|sample|demo|test|placeholder|dummy|lorem|示例|样本|演示|测试|占位|虚构/i;
const localMinutes = (d: Date, timeZone: string) => {
	const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).split(':').map(Number);
	return h * 60 + m;
};

describe('demo data', () => {
	it('gives people ordinary names in both scripts, real-looking addresses and organisations, and an arrival peak at 08:30', async () => {
		const { eventId } = await seedDemo(new Date('2026-06-10T02:00:00Z')); // 10:00 in Dalian
		const people = await db.select({ name: users.name, nameZh: users.nameZh, organization: users.organization }).from(users);
		expect(people.length).toBeGreaterThan(300);
		const bad = people.filter((p) => PLACEHOLDER.test(`${p.name} ${p.nameZh ?? ''} ${p.organization ?? ''}`));
		expect(bad).toEqual([]);
		// Mostly distinct names, as in a real crowd, and many in Chinese script.
		expect(new Set(people.map((p) => p.name)).size).toBeGreaterThan(people.length * 0.75);
		expect(people.filter((p) => p.nameZh && /^[\u4e00-\u9fff]{2,4}$/.test(p.nameZh)).length).toBeGreaterThan(people.length * 0.4);

		const texts = [
			...(await db.select({ t: speakers.name }).from(speakers)).map((r) => `${r.t.zh} ${r.t.en}`),
			...(await db.select({ t: speakers.bio }).from(speakers)).map((r) => `${r.t?.zh} ${r.t?.en}`),
			...(await db.select({ t: venues.address }).from(venues)).map((r) => `${r.t?.zh} ${r.t?.en}`),
			...(await db.select({ n: delegates.name, i: delegates.institution, b: delegates.bio }).from(delegates)).map((r) => `${r.n} ${r.i} ${r.b}`),
			...(await db.select({ c: partners.contacts }).from(partners)).map((r) => JSON.stringify(r.c).replace(/"email":"[^"]*"/g, ''))
		];
		expect(texts.filter((t) => PLACEHOLDER.test(t))).toEqual([]);

		// Arrivals: the doors' morning in the event's zone, not the hours before the seeding.
		const rows = await db.select({ at: scans.scannedAt }).from(scans).where(eq(scans.eventId, eventId));
		const minutes = rows.map((r) => localMinutes(r.at, 'Asia/Shanghai'));
		expect(Math.min(...minutes)).toBeGreaterThanOrEqual(7 * 60 + 45);
		expect(Math.max(...minutes)).toBeLessThan(17 * 60);
		const quarter = new Map<number, number>();
		for (const m of minutes) quarter.set(Math.floor(m / 15) * 15, (quarter.get(Math.floor(m / 15) * 15) ?? 0) + 1);
		const peak = [...quarter].sort((a, b) => b[1] - a[1])[0][0];
		expect(peak).toBeGreaterThanOrEqual(8 * 60);
		expect(peak).toBeLessThanOrEqual(9 * 60);

		// The audit log has the weeks of preparation in it, every entry with a person behind it or the system.
		const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
		expect(n).toBeGreaterThan(40);
	});

	it('invents names deterministically, pinyin surname first for a Chinese name', () => {
		expect(inventedPerson(3, 'CN')).toEqual(inventedPerson(3, 'CN'));
		const zh = inventedPerson(3, 'CN');
		expect(zh.nameZh).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
		expect(zh.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
		expect(zh.mailbox).toMatch(/^[a-z]+\.[a-z]+$/);
		const de = Array.from({ length: 40 }, (_, k) => inventedPerson(k, 'DE')).find((p) => !p.nameZh)!;
		expect(de.mailbox).toMatch(/^[a-z]+\.[a-z]+$/);
	});
});
