/**
 * Demo delegations and projects of the five workstations: nominees in every state (invited, expired,
 * withdrawn, registered, approved with a badge), registration categories chosen per workstation and
 * per nomination, projects submitted and shortlisted, and one roadshow session (the finals) whose
 * pitches the first release publishes. Invented people, example.com addresses.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { delegates, partnerEditions, partners, projects } from '../partners/tables';
import { categories, registrations } from '../registrations/tables';
import { programSessions } from '../schedule/tables';
import { users } from '../auth/tables';
import { badges } from '../badges/tables';
import * as badgeCodes from '../badges';
import { generateToken, hashToken } from '../auth/tokens';
import { newPublicId } from '../registrations/public-id';
import { COUNTRIES, ORGS, fieldWords, inventedPerson } from './data';

type State = 'invited' | 'expired' | 'withdrawn' | 'pending' | 'approved';
const PLAN: State[] = ['approved', 'approved', 'pending', 'invited', 'approved', 'expired', 'withdrawn', 'pending', 'invited'];
const DEGREES = ['phd', 'master', 'phd', 'md', 'bachelor'] as const;
const STAGES = ['prototype', 'early_revenue', 'idea', 'growth'] as const;
/** Workstations whose delegates register in another category than the standard overseas-talent. */
const PARTNER_CATEGORY: Record<string, string> = { 'silicon-valley-hta': 'enterprise' };

const PROJECT_TITLES: Record<string, [string, string][]> = {
	ai: [['面向制造业的视觉质检平台', 'Visual inspection platform for manufacturing'], ['多语种医疗问诊助手', 'Multilingual medical triage assistant']],
	energy: [['固态电池电解质新材料', 'Solid-state battery electrolyte material'], ['港口氢能叉车示范', 'Hydrogen forklifts for ports']],
	biomed: [['快速病原体检测芯片', 'Rapid pathogen detection chip'], ['抗体药物连续生产工艺', 'Continuous antibody manufacturing']],
	bigdata: [['城市交通数据中台', 'City traffic data hub'], ['供应链风险图谱', 'Supply-chain risk graph']],
	health: [['居家康复可穿戴设备', 'Wearable home rehabilitation'], ['老年慢病管理平台', 'Chronic care platform for the elderly']],
	equipment: [['协作机器人精密减速器', 'Precision gearbox for cobots'], ['海工装备无损检测', 'Non-destructive testing for offshore equipment']]
};

export async function seedPartners(tx: Tx, ctx: { eventId: string; now: Date }) {
	const { eventId, now } = ctx;
	const list = await tx
		.select({ id: partners.id, slug: partners.slug, fields: partners.fields })
		.from(partners)
		.innerJoin(partnerEditions, and(eq(partnerEditions.partnerId, partners.id), eq(partnerEditions.eventId, eventId)))
		.orderBy(asc(partners.slug));
	const cats = new Map((await tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(eq(categories.eventId, eventId))).map((c) => [c.slug, c.id]));
	// Organizers' category choices: the Silicon Valley association brings entrepreneurs, who register as
	// enterprises; everyone else's delegates take the standard overseas-talent category.
	for (const [slug, category] of Object.entries(PARTNER_CATEGORY)) {
		const p = list.find((x) => x.slug === slug);
		if (p) await tx.update(partnerEditions).set({ categoryId: cats.get(category)! }).where(and(eq(partnerEditions.partnerId, p.id), eq(partnerEditions.eventId, eventId)));
	}
	const key = await badgeCodes.eventKey(tx, eventId);
	const day = 86400_000;
	const shortlisted: string[] = [];
	let k = 0;

	for (const [pi, p] of list.entries()) {
		const nominees: { id: string; field: string; guest: boolean }[] = [];
		const count = 6 + (pi % 4);
		for (let j = 0; j < count; j++, k++) {
			const state = PLAN[(j + pi) % PLAN.length];
			const field = p.fields[j % p.fields.length];
			const country = COUNTRIES[k % COUNTRIES.length];
			// Offset from the attendees' sequence, so a delegate is not an attendee's namesake.
			const person = inventedPerson(k + 500, country);
			const email = `${person.mailbox}.${p.slug.split('-')[0]}${j}@example.com`;
			const name = person.name;
			const invitedAt = new Date(now.getTime() - (20 - j) * day);
			// One nomination chosen by the organizers for another category: Boston's first open invitation
			// goes to a keynote guest.
			const own = pi === 0 && state === 'invited' && !nominees.some((x) => x.guest) ? cats.get('guest')! : null;
			const categoryId = own ?? cats.get(PARTNER_CATEGORY[p.slug] ?? 'overseas-talent')!;
			let userId: string | null = null;
			let registrationId: string | null = null;
			if (state === 'pending' || state === 'approved') {
				const [u] = await tx.insert(users).values({ email, name, nameZh: person.nameZh, organization: ORGS[k % ORGS.length].en, role: 'attendee', locale: k % 2 ? 'en' : 'zh-CN' }).returning({ id: users.id });
				userId = u.id;
				const publicId = newPublicId();
				const [r] = await tx
					.insert(registrations)
					.values({
						publicId,
						eventId,
						userId,
						categoryId,
						partnerId: p.id,
						status: state,
						answers: { field, country },
						country,
						field,
						consentVersion: '2018-1',
						consentAt: new Date(invitedAt.getTime() + day),
						createdAt: new Date(invitedAt.getTime() + day)
					})
					.returning({ id: registrations.id });
				registrationId = r.id;
				if (state === 'approved') await tx.insert(badges).values({ registrationId, version: 1, eventId, code: badgeCodes.signCode(key, publicId, 1) });
			}
			const [d] = await tx
				.insert(delegates)
				.values({
					partnerId: p.id,
					eventId,
					name,
					email,
					institution: ORGS[(k + 3) % ORGS.length].en,
					country,
					field,
					degree: DEGREES[k % DEGREES.length],
					bio: `${degreeWord(DEGREES[k % DEGREES.length])} in ${fieldWords(field).en}; ${5 + (k % 12)} years of research and industry work abroad.`,
					status: state === 'withdrawn' ? 'withdrawn' : userId ? 'accepted' : 'invited',
					// Nobody knows these tokens: demo invitations cannot be opened.
					tokenHash: hashToken(generateToken()),
					expiresAt: state === 'expired' ? new Date(now.getTime() - day) : new Date(invitedAt.getTime() + 30 * day),
					sentAt: invitedAt,
					acceptedAt: userId ? new Date(invitedAt.getTime() + day) : null,
					userId,
					registrationId,
					categoryId: own,
					createdAt: invitedAt
				})
				.returning({ id: delegates.id });
			if (state !== 'withdrawn') nominees.push({ id: d.id, field, guest: !!own });
		}
		// Two or three projects per workstation; the first of each is shortlisted.
		for (let j = 0; j < 2 + (pi % 2); j++) {
			const n = nominees[j];
			const [zh, en] = PROJECT_TITLES[n.field][j % 2];
			const [pr] = await tx
				.insert(projects)
				.values({
					partnerId: p.id,
					eventId,
					delegateId: n.id,
					title: { zh, en },
					field: n.field,
					stage: STAGES[(pi + j) % STAGES.length],
					fundingSought: (j + 1) * 500_000 + pi * 250_000,
					summary: `${en}: a team of ${3 + ((pi + j) % 6)} with a working prototype, looking for a site, pilot customers and co-investors in the Dalian High-tech Zone.`,
					status: j === 0 ? 'shortlisted' : 'submitted',
					createdAt: new Date(now.getTime() - (10 - j) * day)
				})
				.returning({ id: projects.id });
			if (j === 0) shortlisted.push(pr.id);
		}
	}

	// The roadshow finals list their pitches: 12 minutes each from the start of the session.
	const [finals] = await tx
		.select({ id: programSessions.id, startsAt: programSessions.startsAt })
		.from(programSessions)
		.where(and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'roadshow'), sql`${programSessions.title}->>'en' ilike '%finals%'`))
		.limit(1);
	const [session] = finals
		? [finals]
		: await tx
				.select({ id: programSessions.id, startsAt: programSessions.startsAt })
				.from(programSessions)
				.where(and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'roadshow')))
				.orderBy(asc(programSessions.startsAt))
				.limit(1);
	if (session?.startsAt) {
		for (const [i, id] of shortlisted.entries()) {
			await tx
				.update(projects)
				.set({ sessionId: session.id, pitchStartsAt: new Date(session.startsAt.getTime() + (10 + i * 15) * 60_000), pitchMinutes: 12 })
				.where(eq(projects.id, id));
		}
	}
}

const degreeWord = (d: string) => ({ phd: 'PhD', master: "Master's degree", bachelor: "Bachelor's degree", md: 'Doctor of medicine' })[d] ?? 'Graduate studies';
