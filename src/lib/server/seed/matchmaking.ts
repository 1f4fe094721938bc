/**
 * Demo matchmaking: ~200 opt-in profiles from the demo's registrations across kinds and sectors,
 * enterprises' openings, requests in every state (brokered ones too), the first pre-matching
 * session cut into 20-minute slots with 12 tables (two fixed to enterprises), scheduled meetings,
 * and remote meetings before the week, a few held and rated. Bulk inserts only: this runs in
 * every HTTP test file's seed.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db';
import { users } from '../auth/tables';
import { categories, registrations } from '../registrations/tables';
import { programSessions } from '../schedule/tables';
import { searchTextFor } from '../matchmaking/profiles';
import * as rules from '../matchmaking/rules';
import {
	matchMeetingSeats,
	matchMeetings,
	matchOpenings,
	matchProfiles,
	matchRatings,
	matchRequests,
	matchScheduleRuns,
	matchSessions,
	matchSettings,
	matchSlots,
	matchTables,
	matchUnavailability,
	type MatchIntent,
	type MatchKind
} from '../matchmaking/tables';
import { TRACKS } from './data';

const KIND_OF: Record<string, MatchKind> = { 'overseas-talent': 'talent', enterprise: 'enterprise', investor: 'investor', incubator: 'incubator', government: 'government' };
const INTENTS: Record<MatchKind, { offers: MatchIntent[]; seeks: MatchIntent[] }[]> = {
	talent: [
		{ offers: ['partner'], seeks: ['raise', 'incubate'] },
		{ offers: ['job'], seeks: ['job', 'partner'] },
		{ offers: ['partner', 'raise'], seeks: ['invest', 'incubate'] }
	],
	research: [{ offers: ['partner'], seeks: ['partner', 'raise'] }],
	enterprise: [
		{ offers: ['recruit', 'partner'], seeks: ['partner', 'job'] },
		{ offers: ['partner'], seeks: ['raise', 'recruit'] }
	],
	investor: [{ offers: ['invest'], seeks: ['raise', 'partner'] }],
	incubator: [{ offers: ['incubate', 'partner'], seeks: ['partner'] }],
	government: [{ offers: ['incubate', 'partner'], seeks: ['partner'] }]
};
const PITCH: Record<MatchKind, { zh: string; en: string }> = {
	talent: { zh: '在海外从事{f}研究多年，希望把成果带到大连落地。', en: 'Years of {f} work abroad; looking to bring it to Dalian.' },
	research: { zh: '高校{f}实验室，寻找产业合作伙伴。', en: 'University {f} lab looking for industry partners.' },
	enterprise: { zh: '园区{f}企业，正在招聘并寻找技术合作。', en: 'A {f} company in the zone, hiring and looking for technology partners.' },
	investor: { zh: '关注{f}早期项目的投资机构。', en: 'We invest in early-stage {f} ventures.' },
	incubator: { zh: '提供{f}方向的孵化空间与服务。', en: 'Incubation space and services for {f} start-ups.' },
	government: { zh: '负责{f}产业的人才与项目政策。', en: 'Talent and project policy for {f}.' }
};

export async function seedMatchmaking(tx: Tx, { eventId, now }: { eventId: string; now: Date }) {
	const regs = await tx
		.select({ id: registrations.id, userId: registrations.userId, field: registrations.field, country: registrations.country, cat: categories.slug, name: users.name, nameZh: users.nameZh, org: users.organization, email: users.email })
		.from(registrations)
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['approved', 'pending'])))
		.orderBy(asc(registrations.seq));
	const chosen = regs.filter((r) => KIND_OF[r.cat]).slice(0, 200);
	const attendee = regs.find((r) => r.email === 'attendee@example.com');
	if (attendee && !chosen.includes(attendee)) chosen.push(attendee);
	if (chosen.length < 10) return;
	const slugs: string[] = TRACKS.map((t) => t.slug);
	const fieldName: Record<string, { zh: string; en: string }> = Object.fromEntries(TRACKS.map((t) => [t.slug, t.name]));
	const profiles = await tx
		.insert(matchProfiles)
		.values(
			chosen.map((r, i) => {
				let kind = KIND_OF[r.cat];
				if (kind === 'talent' && i % 7 === 3) kind = 'research';
				const field = r.field && slugs.includes(r.field) ? r.field : slugs[i % slugs.length];
				const second = slugs[(slugs.indexOf(field) + 1 + (i % 3)) % slugs.length];
				const intents = INTENTS[kind][i % INTENTS[kind].length];
				const organization = r.org ?? '';
				const f = fieldName[field];
				return {
					eventId,
					registrationId: r.id,
					userId: r.userId,
					listed: r === attendee || i % 11 !== 5,
					kind,
					organization,
					title: '',
					sectors: i % 2 ? [field, second] : [field],
					offers: intents.offers,
					seeks: intents.seeks,
					pitch: { zh: PITCH[kind].zh.replace('{f}', f.zh), en: PITCH[kind].en.replace('{f}', f.en.toLowerCase()) },
					languages: r.country === 'CN' || kind !== 'talent' ? (i % 3 ? ['zh'] : ['zh', 'en']) : r.country === 'JP' ? ['ja', 'en', 'zh'] : ['en', 'zh'],
					phone: `+86 411 8${String(1000000 + i * 7919).slice(-7)}`,
					timeZone: kind === 'talent' && r.country && r.country !== 'CN' ? ({ US: 'America/Los_Angeles', CA: 'America/Vancouver', JP: 'Asia/Tokyo', DE: 'Europe/Berlin', GB: 'Europe/London', AU: 'Australia/Sydney' } as Record<string, string>)[r.country] ?? null : null,
					searchText: searchTextFor(r.name, r.nameZh, organization),
					createdAt: new Date(now.getTime() - (20000 - i * 60) * 60_000)
				};
			})
		)
		.returning({ id: matchProfiles.id, kind: matchProfiles.kind, userId: matchProfiles.userId, listed: matchProfiles.listed, sectors: matchProfiles.sectors });
	const me = profiles.find((p) => p.userId === attendee?.userId);
	const listed = profiles.filter((p) => p.listed);
	const enterprises = listed.filter((p) => p.kind === 'enterprise');
	await tx.insert(matchOpenings).values(
		enterprises.slice(0, 24).map((p, i) => {
			const s = p.sectors[0];
			return { profileId: p.id, title: i % 2 ? { zh: `${fieldName[s].zh}算法工程师`, en: `${fieldName[s].en} engineer` } : { zh: `${fieldName[s].zh}研发主管`, en: `Head of ${fieldName[s].en} R&D` }, sector: s, city: i % 3 ? '大连 Dalian' : '大连高新区 Dalian Hi-tech Zone' };
		})
	);
	await tx.insert(matchSettings).values({ eventId, scheduling: 'self', requestTtlHours: 72, walkMinutes: 5, caps: { talent: { openRequests: 10, meetings: 12 }, enterprise: { openRequests: 20, meetings: 16 }, investor: { openRequests: 20, meetings: 16 } } });

	// The first pre-matching session: 20-minute meetings with 5-minute gaps, 12 tables, two fixed.
	const [session] = await tx
		.select()
		.from(programSessions)
		.where(and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'prematching')))
		.orderBy(asc(programSessions.startsAt))
		.limit(1);
	type Slot = { id: string; startsAt: Date; endsAt: Date; roomId: string };
	let slots: Slot[] = [];
	let tables: { id: string; number: number; fixedProfileId: string | null }[] = [];
	if (session?.roomId && session.startsAt && session.endsAt) {
		await tx.insert(matchSessions).values({ sessionId: session.id, eventId, slotMinutes: 20, gapMinutes: 5, tableCount: 12 });
		const cut = rules.cutSlots(session.startsAt.getTime(), session.endsAt.getTime(), 20, 5);
		slots = await tx
			.insert(matchSlots)
			.values(cut.map((c, i) => ({ eventId, sessionId: session.id, roomId: session.roomId!, position: i + 1, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) })))
			.returning({ id: matchSlots.id, startsAt: matchSlots.startsAt, endsAt: matchSlots.endsAt, roomId: matchSlots.roomId });
		tables = await tx
			.insert(matchTables)
			.values(Array.from({ length: 12 }, (_, i) => ({ eventId, sessionId: session.id, roomId: session.roomId!, number: i + 1, fixedProfileId: i < 2 ? (enterprises[i]?.id ?? null) : null })))
			.returning({ id: matchTables.id, number: matchTables.number, fixedProfileId: matchTables.fixedProfileId });
	}

	// Requests: pairs with something in common, in every state.
	type Req = typeof matchRequests.$inferInsert;
	const reqs: Req[] = [];
	const pairKey = new Set<string>();
	const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
	const add = (from: string, to: string, status: Req['status'], extra: Partial<Req> = {}) => {
		const k = [from, to].sort().join(' ');
		if (from === to || pairKey.has(k)) return;
		pairKey.add(k);
		const created = status === 'expired' ? hours(-100 - reqs.length) : hours(-2 - (reqs.length % 60));
		reqs.push({ eventId, fromProfileId: from, toProfileId: to, status, message: MESSAGES[reqs.length % MESSAGES.length], createdAt: created, expiresAt: rules.expiresAt(created, 72), decidedAt: status === 'pending' ? null : hours(-1), fromAccepted: true, toAccepted: status === 'accepted', ...extra });
	};
	const talent = listed.filter((p) => p.kind === 'talent' || p.kind === 'research');
	const hosts = listed.filter((p) => p.kind !== 'talent' && p.kind !== 'research');
	const STATES: Req['status'][] = ['accepted', 'accepted', 'accepted', 'pending', 'declined', 'accepted', 'expired', 'withdrawn', 'accepted', 'pending'];
	for (let i = 0; i < talent.length && hosts.length; i++) {
		const t = talent[i];
		for (let j = 0; j < 2; j++) {
			const h = hosts[(i * 3 + j * 7) % hosts.length];
			const status = STATES[(i + j * 3) % STATES.length];
			if (j % 2) add(h.id, t.id, status);
			else add(t.id, h.id, status);
		}
	}
	if (me) {
		const others = listed.filter((p) => p.id !== me.id && p.kind !== 'talent');
		for (const [i, p] of others.slice(0, 8).entries()) {
			pairKey.delete([me.id, p.id].sort().join(' '));
			for (let k = reqs.length - 1; k >= 0; k--) if ([reqs[k].fromProfileId, reqs[k].toProfileId].sort().join(' ') === [me.id, p.id].sort().join(' ')) reqs.splice(k, 1);
			const plan: [string, string, Req['status']][] = [
				[p.id, me.id, 'pending'],
				[me.id, p.id, 'accepted'],
				[p.id, me.id, 'accepted'],
				[me.id, p.id, 'pending'],
				[p.id, me.id, 'declined'],
				[me.id, p.id, 'accepted'],
				[me.id, p.id, 'expired'],
				[p.id, me.id, 'accepted']
			];
			add(plan[i][0], plan[i][1], plan[i][2]);
		}
	}
	// Brokered proposals by the organizers, waiting for one or both sides.
	const [organizer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'organizer@example.com'));
	for (let i = 0; i < 6 && organizer && i * 5 + 4 < talent.length; i++) add(hosts[(i * 5) % hosts.length].id, talent[i * 5 + 4].id, 'pending', { brokeredBy: organizer.id, fromAccepted: i % 2 === 0, toAccepted: false });
	const inserted = await tx.insert(matchRequests).values(reqs).returning({ id: matchRequests.id, from: matchRequests.fromProfileId, to: matchRequests.toProfileId, status: matchRequests.status });

	// Meetings for accepted requests: remote before the week (the first ones: held, rated, one no-show), then the session's slots.
	const accepted = inserted.filter((r) => r.status === 'accepted');
	const mine = me ? accepted.filter((r) => r.from === me.id || r.to === me.id) : [];
	const ordered = [...mine.slice(0, 1), ...accepted.filter((r) => !mine.includes(r)).slice(0, 7), ...mine.slice(1), ...accepted.filter((r) => !mine.includes(r)).slice(7)];
	const busy = new Map<string, Set<string>>();
	const taken = new Map<string, Set<string>>();
	const rows: (typeof matchMeetings.$inferInsert)[] = [];
	let remoteCount = 0;
	for (const r of ordered) {
		const base = { eventId, requestId: r.id, aProfileId: r.from, bProfileId: r.to };
		if (remoteCount < 8) {
			const startsAt = new Date(now.getTime() - (10 - remoteCount) * 86_400_000 + 3_600_000 * (remoteCount % 5));
			const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
			const noShow = remoteCount === 7;
			rows.push({ ...base, remote: true, videoUrl: `https://meet.example.com/hw-${remoteCount + 1}`, startsAt, endsAt, status: noShow ? 'no_show' : 'held', heldAt: noShow ? null : startsAt, noShowSide: noShow ? 'b' : null, aReport: noShow ? 'other_absent' : 'held', bReport: null });
			remoteCount++;
			continue;
		}
		let placed = false;
		for (const s of slots) {
			const seat = busy.get(s.id) ?? new Set<string>();
			if (seat.has(r.from) || seat.has(r.to)) continue;
			const used = taken.get(s.id) ?? new Set<string>();
			const table = rules.pickTable(tables, used, r.from, r.to);
			if (!table) continue;
			seat.add(r.from).add(r.to);
			used.add(table.id);
			busy.set(s.id, seat);
			taken.set(s.id, used);
			rows.push({ ...base, slotId: s.id, tableId: table.id, startsAt: s.startsAt, endsAt: s.endsAt, status: 'scheduled', locked: rows.length % 9 === 0 });
			placed = true;
			break;
		}
		if (!placed) rows.push({ ...base, status: 'unscheduled' });
	}
	const meetings = rows.length ? await tx.insert(matchMeetings).values(rows).returning({ id: matchMeetings.id, a: matchMeetings.aProfileId, b: matchMeetings.bProfileId, slotId: matchMeetings.slotId, status: matchMeetings.status }) : [];
	const seats = meetings.filter((m) => m.slotId).flatMap((m) => [
		{ meetingId: m.id, profileId: m.a, slotId: m.slotId! },
		{ meetingId: m.id, profileId: m.b, slotId: m.slotId! }
	]);
	if (seats.length) await tx.insert(matchMeetingSeats).values(seats);
	const held = meetings.filter((m) => m.status === 'held');
	const ratings = held.flatMap((m, i) => [
		{ meetingId: m.id, profileId: m.a, stars: 5 - (i % 2), followUp: i % 3 !== 2 },
		...(i % 2 ? [] : [{ meetingId: m.id, profileId: m.b, stars: 4, followUp: true }])
	]);
	if (ratings.length) await tx.insert(matchRatings).values(ratings);
	// A few people are away for a slot.
	if (slots.length > 3) {
		const off = listed.slice(0, 12).flatMap((p, i) => {
			const s = slots[(i * 5) % slots.length];
			return busy.get(s.id)?.has(p.id) ? [] : [{ profileId: p.id, slotId: s.id }];
		});
		if (off.length) await tx.insert(matchUnavailability).values(off);
	}
	const placed = meetings.filter((m) => m.slotId).length;
	if (slots.length) await tx.insert(matchScheduleRuns).values({ eventId, by: organizer?.id ?? null, solver: 'greedy', placed, unplaced: meetings.filter((m) => m.status === 'unscheduled').length, bound: placed, optimal: false, ms: 12, published: false, createdAt: new Date(now.getTime() - 3_600_000) });
}

const MESSAGES = [
	'Would be glad to talk about a pilot in the zone.',
	'我们对您的项目很感兴趣，希望当面交流。',
	'Looking for partners for our next product line.',
	'想了解贵公司在人才引进方面的计划。',
	'Interested in your open position; happy to share my background.',
	''
];
