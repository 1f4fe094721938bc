import { describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import { seedDemo } from '$lib/server/seed';
import { users } from '$lib/server/auth/tables';
import { projects as projectTable } from '$lib/server/partners/tables';
import { programSessions } from '$lib/server/schedule/tables';
import * as partners from '$lib/server/partners';
import * as schedule from '$lib/server/schedule';
import type { Actor } from '$lib/server/auth/access';

useTestDatabase();

describe('demo partners', () => {
	it('has five workstations with delegations in several states, projects, and a roadshow with its pitches', async () => {
		const { eventId } = await seedDemo();
		const dir = await partners.directory(null, eventId);
		expect(dir.map((p) => p.slug)).toEqual(['boston-sino-us', 'china-canada-cleantech', 'kekong-global', 'silicon-valley-hta', 'wailian-innovation']);
		const [organizer] = await db.select().from(users).where(eq(users.email, 'organizer@example.com'));
		const org = organizer as unknown as Actor;
		const stages = new Set<string>();
		for (const p of await partners.overview(org, eventId)) {
			const list = await partners.delegates.list(org, p.id, eventId);
			expect(list.length).toBeGreaterThanOrEqual(6);
			expect(list.filter((d) => d.status !== 'withdrawn').length).toBeLessThanOrEqual(p.edition!.delegateQuota);
			list.forEach((d) => stages.add(d.stage));
		}
		// The check-in seed scans some badged delegates in on the first day.
		expect([...stages].sort()).toEqual(['badge_issued', 'checked_in', 'expired', 'invited', 'registered', 'withdrawn']);
		// Categories chosen by the organizers: Silicon Valley's delegates register as enterprises, one
		// Boston nomination as a guest, everyone else as overseas talent.
		const byPartner: Record<string, string[]> = {};
		for (const p of await partners.overview(org, eventId))
			byPartner[p.slug] = [...new Set((await partners.delegates.list(org, p.id, eventId)).filter((d) => d.status !== 'withdrawn').map((d) => d.category!.slug))].sort();
		expect(byPartner).toEqual({
			'boston-sino-us': ['guest', 'overseas-talent'],
			'china-canada-cleantech': ['overseas-talent'],
			'kekong-global': ['overseas-talent'],
			'silicon-valley-hta': ['enterprise'],
			'wailian-innovation': ['overseas-talent']
		});
		const [boston] = (await partners.overview(org, eventId)).filter((p) => p.slug === 'boston-sino-us');
		expect((await partners.delegates.list(org, boston.id, eventId)).filter((d) => d.categoryChoice).map((d) => [d.stage, d.category!.slug])).toEqual([['invited', 'guest']]);
		const placed = await db.select().from(projectTable).where(and(eq(projectTable.eventId, eventId), isNotNull(projectTable.sessionId)));
		expect(placed).toHaveLength(5);
		const [session] = await db.select().from(programSessions).where(eq(programSessions.id, placed[0].sessionId!));
		expect(session.kind).toBe('roadshow');
		// The demo's first release publishes them: the finals list five pitches, one per workstation.
		const { release } = await schedule.program(null, 'haichuang-2018');
		const pitches = release.snapshot.pitches!.filter((p) => p.sessionId === session.id);
		expect(pitches).toHaveLength(5);
		expect(pitches.map((p) => p.id).sort()).toEqual(placed.map((p) => p.id).sort());
		expect(new Set(pitches.map((p) => p.partnerId)).size).toBe(5);
		for (const p of pitches) {
			expect(new Date(p.startsAt).getTime()).toBeGreaterThanOrEqual(session.startsAt!.getTime());
			expect(new Date(p.startsAt).getTime() + p.minutes * 60_000).toBeLessThanOrEqual(session.endsAt!.getTime());
		}
		const finals = schedule.view.resolve(release.snapshot, 'en').find((s) => s.id === session.id)!;
		expect(finals.pitches.map((p) => p.start)).toEqual(['14:10', '14:25', '14:40', '14:55', '15:10']);
		const page = await partners.publicPage(eventId, 'en');
		expect(page.satellites.map((s) => s.city?.en)).toEqual(['Vancouver', 'Seattle', 'Kyoto']);
		expect(page.map.markers.filter((m) => m.kind === 'workstation')).toHaveLength(5);
		expect(page.map.land.length).toBeGreaterThan(2_000);
	});
});
