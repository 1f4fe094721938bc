/**
 * Seeds the demo week into an empty database (`DEMO_DATA=false` skips it). The week begins on the
 * day of seeding, so registration is open, "now and next" shows something and badges scan.
 */
import { inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { events } from '../events/tables';
import { programSessions, rooms, sessionSpeakers, speakers, tracks, venues } from '../schedule/tables';
import { partnerEditions, partners } from '../partners/tables';
import { categories, registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import { hashPassword } from '../auth/password';
import { newPublicId } from '../registrations/public-id';
import * as releases from '../schedule/releases';
import * as badgeCodes from '../badges';
import { badges as badgeTable } from '../badges/tables';
import { localDate, addDays } from '$lib/time';
import { buildProgram } from './program';
import { seedRegistrations } from './registrations';
import { seedCheckin } from './checkin';
import { seedPartners } from './partners';
import { seedAudit } from './audit';
import { seedVisa } from './visa';
import { seedMatchmaking } from './matchmaking';
import {
	CATEGORIES,
	COUNTRIES,
	DEMO_LOGINS,
	DEMO_PASSWORD,
	EVENT,
	ORGS,
	PARTNERS,
	TRACKS,
	VENUES,
	fieldWords,
	inventedPerson
} from './data';

export { DEMO_LOGINS, DEMO_PASSWORD };

/** Deterministic pseudo-random numbers, so every demo looks the same. */
function rng(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) % 4294967296;
		return seed / 4294967296;
	};
}

export async function isEmpty(): Promise<boolean> {
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(events);
	return n === 0;
}

/** Whether any demo login still exists (the start banner lists them only then). */
export async function demoAccountsExist(): Promise<boolean> {
	const rows = await db.select({ email: users.email }).from(users).where(inArray(users.email, DEMO_LOGINS.map((d) => d.email)));
	return rows.length > 0;
}

type Status = 'approved' | 'pending' | 'waitlisted' | 'rejected' | 'cancelled';
const PLAN: Record<string, Partial<Record<Status, number>>> = {
	'overseas-talent': { approved: 90, pending: 25, rejected: 6, cancelled: 8 },
	enterprise: { approved: 45, pending: 10, rejected: 3, cancelled: 4 },
	investor: { approved: 25, pending: 5, cancelled: 2 },
	incubator: { approved: 20, pending: 4 },
	government: { approved: 15 },
	media: { approved: 22, pending: 8, waitlisted: 6, cancelled: 2 },
	guest: { approved: 8, pending: 2 }
};

export async function seedDemo(now = new Date()): Promise<{ eventId: string; slug: string }> {
	const startDate = localDate(now, EVENT.timeZone);
	const random = rng(2018);
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	return db.transaction(async (tx) => {
		const [event] = await tx
			.insert(events)
			.values({ ...EVENT, startDate, endDate: addDays(startDate, 4), status: 'published' })
			.returning();

		const trackRows = await tx
			.insert(tracks)
			.values(TRACKS.map((t, i) => ({ eventId: event.id, slug: t.slug, name: t.name, color: t.color, position: i })))
			.returning();
		const trackId = new Map(trackRows.map((t) => [t.slug, t.id]));

		const roomId = new Map<string, string>();
		for (const [i, v] of VENUES.entries()) {
			const [venue] = await tx
				.insert(venues)
				.values({
					eventId: event.id,
					name: v.name,
					address: v.address,
					city: v.city,
					kind: v.kind,
					timeZone: v.timeZone ?? null,
					latitude: v.lat,
					longitude: v.lon,
					opensAt: v.opensAt,
					closesAt: v.closesAt,
					position: i
				})
				.returning();
			const rs = await tx
				.insert(rooms)
				.values(v.rooms.map((r, j) => ({ eventId: event.id, venueId: venue.id, name: r.name, capacity: r.capacity, position: i * 10 + j })))
				.returning();
			v.rooms.forEach((r, j) => roomId.set(r.key, rs[j].id));
		}

		const partnerRows = await tx
			.insert(partners)
			.values(
				PARTNERS.map((p, i) => ({
					slug: p.slug,
					name: p.name,
					kind: p.kind,
					city: p.city,
					country: p.country,
					timeZone: p.timeZone,
					fields: p.fields,
					website: `https://${p.slug}.example.com`,
					plaqueYear: 2018,
					latitude: p.lat,
					longitude: p.lon,
					contacts: [{ name: inventedPerson(2000 + i, p.country).name, email: `office@${p.slug}.example.com` }]
				}))
			)
			.returning();
		const partnerId = new Map(partnerRows.map((p) => [p.slug, p.id]));
		await tx.insert(partnerEditions).values(partnerRows.map((p) => ({ partnerId: p.id, eventId: event.id, delegateQuota: 20, projectQuota: 6 })));

		// Speakers: invented people, both scripts.
		const speakerRows = await tx
			.insert(speakers)
			.values(
				Array.from({ length: 28 }, (_, i) => {
					const person = inventedPerson(i * 3 + 1000, COUNTRIES[i % COUNTRIES.length]);
					const org = ORGS[i % ORGS.length];
					const title = i % 3 === 0 ? { zh: '教授', en: 'Professor' } : i % 3 === 1 ? { zh: '创始人', en: 'Founder' } : { zh: '合伙人', en: 'Partner' };
					const field = fieldWords(TRACKS[i % TRACKS.length].slug);
					const zhName = person.nameZh ?? person.name;
					return {
						eventId: event.id,
						slug: `speaker-${i + 1}`,
						name: { zh: zhName, en: person.name },
						organization: org,
						title,
						bio: {
							zh: `${zhName}，${org.zh}${title.zh}，从事${field.zh}研究与成果转化 ${8 + (i % 15)} 年，曾参与多家科技企业的创办。`,
							en: `${person.name}, ${title.en.toLowerCase()} at ${org.en}, has spent ${8 + (i % 15)} years taking ${field.en} research into companies and has co-founded several.`
						}
					};
				})
			)
			.returning();

		const program = buildProgram(startDate, EVENT.timeZone);
		const sessionRows = await tx
			.insert(programSessions)
			.values(
				program.map((s) => ({
					eventId: event.id,
					code: s.code,
					title: s.title,
					abstract: s.abstract,
					kind: s.kind,
					trackId: s.track ? trackId.get(s.track)! : null,
					roomId: roomId.get(s.room)!,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					capacity: s.capacity,
					requiresBooking: s.requiresBooking,
					partnerId: s.partner ? partnerId.get(s.partner)! : null
				}))
			)
			.returning({ id: programSessions.id });
		// Give each session its speakers without putting anyone in two places at once.
		const busy = new Map<number, { s: number; e: number }[]>();
		const links: { sessionId: string; speakerId: string; position: number }[] = [];
		let cursor = 0;
		program.forEach((s, i) => {
			for (let k = 0; k < s.speakers; k++) {
				for (let tries = 0; tries < speakerRows.length; tries++) {
					const idx = cursor++ % speakerRows.length;
					const slots = busy.get(idx) ?? [];
					if (slots.some((b) => b.s < s.endsAt.getTime() && s.startsAt.getTime() < b.e)) continue;
					if (links.some((l) => l.sessionId === sessionRows[i].id && l.speakerId === speakerRows[idx].id)) continue;
					slots.push({ s: s.startsAt.getTime(), e: s.endsAt.getTime() });
					busy.set(idx, slots);
					links.push({ sessionId: sessionRows[i].id, speakerId: speakerRows[idx].id, position: k });
					break;
				}
			}
		});
		await tx.insert(sessionSpeakers).values(links);

		const categoryRows = await tx
			.insert(categories)
			.values(
				CATEGORIES.map((c, i) => ({
					eventId: event.id,
					slug: c.slug,
					name: c.name,
					capacity: c.capacity,
					requiresApproval: c.requiresApproval,
					color: c.color,
					position: i,
					opensAt: new Date(now.getTime() - 30 * 86400_000),
					closesAt: new Date(now.getTime() + 4 * 86400_000),
					questions: [
						{
							key: 'field',
							label: { zh: '关注领域', en: 'Field of interest' },
							type: 'single' as const,
							required: true,
							options: TRACKS.map((t) => ({ value: t.slug, label: t.name }))
						},
						{ key: 'country', label: { zh: '所在国家或地区', en: 'Country or region' }, type: 'country' as const, required: true },
						{ key: 'dietary', label: { zh: '饮食要求', en: 'Dietary requirements' }, type: 'text' as const, required: false }
					]
				}))
			)
			.returning();
		const categoryId = new Map(categoryRows.map((c) => [c.slug, c.id]));

		// Demo logins, one per role.
		const demo = await tx
			.insert(users)
			.values(
				DEMO_LOGINS.map((d) => ({
					email: d.email,
					name: d.name,
					nameZh: d.nameZh,
					role: d.role,
					passwordHash,
					organization: 'partner' in d ? PARTNERS.find((p) => p.slug === d.partner)!.name.en : 'Innovation Week',
					partnerId: 'partner' in d ? partnerId.get(d.partner)! : null,
					locale: 'en' as const
				}))
			)
			.returning();

		// A few hundred attendees in every state; no password (they cannot log in).
		const people: (typeof users.$inferInsert & { _cat: string; _status: Status; _partner: string | null })[] = [];
		let k = 0;
		for (const [cat, plan] of Object.entries(PLAN)) {
			for (const [status, count] of Object.entries(plan) as [Status, number][]) {
				for (let j = 0; j < count; j++, k++) {
					const partner = cat === 'overseas-talent' && k % 3 === 0 ? PARTNERS[k % PARTNERS.length].slug : null;
					const person = inventedPerson(k, COUNTRIES[k % COUNTRIES.length]);
					people.push({
						email: `${person.mailbox}${k}@example.com`,
						name: person.name,
						nameZh: person.nameZh,
						organization: ORGS[k % ORGS.length].en,
						role: 'attendee',
						locale: random() < 0.5 ? 'en' : 'zh-CN',
						_cat: cat,
						_status: status,
						_partner: partner
					});
				}
			}
		}
		const attendeeRows = await tx
			.insert(users)
			.values(people.map(({ _cat, _status, _partner, ...u }) => u))
			.returning({ id: users.id });
		const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
		const regs = people.map((p, i) => {
			const country = COUNTRIES[i % COUNTRIES.length];
			const field = TRACKS[i % TRACKS.length].slug;
			return {
				publicId: newPublicId(),
				eventId: event.id,
				userId: attendeeRows[i].id,
				categoryId: categoryId.get(p._cat)!,
				partnerId: p._partner ? partnerId.get(p._partner)! : null,
				status: p._status,
				answers: { field, country, dietary: i % 7 === 0 ? 'vegetarian' : '' },
				country,
				field,
				consentVersion: EVENT_PRIVACY,
				consentAt: at(20000 - i * 10),
				createdAt: at(20000 - i * 10)
			};
		});
		const attendee = demo.find((d) => d.role === 'attendee')!;
		regs.push({
			publicId: newPublicId(),
			eventId: event.id,
			userId: attendee.id,
			categoryId: categoryId.get('overseas-talent')!,
			partnerId: null,
			status: 'approved',
			answers: { field: 'ai', country: 'CA', dietary: '' },
			country: 'CA',
			field: 'ai',
			consentVersion: EVENT_PRIVACY,
			consentAt: at(60),
			createdAt: at(60)
		});
		// Insert in arrival order so `seq` (the waitlist order) follows createdAt.
		regs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
		const inserted: { id: string; publicId: string; status: string }[] = [];
		for (let i = 0; i < regs.length; i += 200) {
			inserted.push(
				...(await tx
					.insert(registrations)
					.values(regs.slice(i, i + 200))
					.returning({ id: registrations.id, publicId: registrations.publicId, status: registrations.status }))
			);
		}
		// Approved people hold a signed badge, so the demo's badges scan.
		const key = await badgeCodes.eventKey(tx, event.id);
		const issued = inserted
			.filter((r) => r.status === 'approved')
			.map((r) => ({ registrationId: r.id, version: 1, eventId: event.id, code: badgeCodes.signCode(key, r.publicId, 1) }));
		for (let i = 0; i < issued.length; i += 200) await tx.insert(badgeTable).values(issued.slice(i, i + 200));

		await seedRegistrations(tx, { eventId: event.id });
		await seedPartners(tx, { eventId: event.id, now });
		await seedVisa(tx, { eventId: event.id, now });
		await releases.create(null, event.id, { name: 'v1', note: 'First published program' }, tx);
		await seedCheckin(tx, { eventId: event.id, now });
		await seedAudit(tx, { eventId: event.id, now });
		await seedMatchmaking(tx, { eventId: event.id, now });
		return { eventId: event.id, slug: event.slug };
	});
}

const EVENT_PRIVACY = '2018-1';
