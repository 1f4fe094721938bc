/**
 * Projects a partner brings for its delegates, within the edition's project quota (kept like the
 * delegate quota: the partner_editions row is locked FOR UPDATE while counting). Organizers
 * shortlist them and place each shortlisted one into a roadshow session with a pitch slot; the
 * program's releases carry the pitches to the public (schedule/snapshot.ts).
 */
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { delegates, partners, projects } from './tables';
import { programSessions, rooms, venues } from '../schedule/tables';
import { events } from '../events/tables';
import { DomainError } from '../errors';
import { isOrganizer, requireArea, requireUser, type Actor } from '../auth/access';
import { record } from '../audit';
import type { ProjectInput } from '$lib/schemas/partners';
import { localDate, zonedTime } from '$lib/time';
import { overlaps, quotaLeft, slotInside } from './rules';
import { requireId, requirePartnerAccess } from './scope';
import * as files from './files';
import { published } from '../schedule';
import { lockPartnerEdition } from './editions';

export async function submit(actor: Actor, eventId: string, input: ProjectInput, deck: Uint8Array | null) {
	const a = requireUser(actor);
	if (a.role !== 'partner' || !a.partnerId) throw new DomainError('forbidden');
	const partnerId = a.partnerId;
	// The file is written first (outside the transaction); if the insert fails it is removed again.
	const deckPath = deck ? await files.store('decks', 'pdf', deck) : null;
	try {
		return await db.transaction(async (tx) => {
			const ed = await lockPartnerEdition(tx, partnerId, eventId);
			const [d] = await tx.select().from(delegates).where(eq(delegates.id, input.delegateId)).limit(1);
			if (!d || d.partnerId !== partnerId || d.eventId !== eventId || d.status === 'withdrawn')
				throw new DomainError('invalid_input', { fields: { delegateId: ['v_choice'] } });
			const [{ held }] = await tx
				.select({ held: sql<number>`count(*)::int` })
				.from(projects)
				.where(and(eq(projects.partnerId, partnerId), eq(projects.eventId, eventId), ne(projects.status, 'withdrawn')));
			if (quotaLeft(ed.projectQuota, held) < 1) throw new DomainError('project_quota_full', { status: 409 });
			const [p] = await tx
				.insert(projects)
				.values({
					partnerId,
					eventId,
					delegateId: d.id,
					title: { zh: input.titleZh, en: input.titleEn },
					field: input.field,
					stage: input.stage,
					fundingSought: input.fundingSought ?? null,
					summary: input.summary,
					deckPath,
					deckSize: deck?.length ?? null
				})
				.returning();
			await record(a, 'partner.project_submit', { targetType: 'project', targetId: p.id, eventId }, tx);
			return p;
		});
	} catch (e) {
		await files.remove(deckPath);
		throw e;
	}
}

/**
 * Where a project's pitch stands. Organizers place pitches in the draft program; the public (and the
 * partner) see them once a release carries them:
 * - `none`: not placed;
 * - `unpublished`: placed in the draft, not (or not like this) in the current release yet;
 * - `published`: the current release shows exactly this slot;
 * - `outside`: the session moved after the pitch was placed, so the slot no longer lies inside it and
 *   no release will publish it until it is placed again.
 */
export type PitchState = 'none' | 'unpublished' | 'published' | 'outside';

/**
 * Projects of one partner (representative: own only), or of every partner (organizers, no partnerId).
 * Organizers get the draft placement and its `pitch` state; a representative gets the placement of
 * the current release only (the draft is the organizers' work in progress, like any unreleased
 * change of the program).
 */
export async function list(actor: Actor, eventId: string, partnerId?: string) {
	const a = requireUser(actor);
	if (partnerId) requirePartnerAccess(a, partnerId);
	else requireArea(a, 'organizer');
	const [rows, rel] = await Promise.all([
		db
			.select({
				id: projects.id,
				partnerId: projects.partnerId,
				partnerName: partners.name,
				delegateName: delegates.name,
				title: projects.title,
				field: projects.field,
				stage: projects.stage,
				fundingSought: projects.fundingSought,
				summary: projects.summary,
				hasDeck: sql<boolean>`${projects.deckPath} is not null`,
				status: projects.status,
				sessionId: projects.sessionId,
				sessionCode: programSessions.code,
				sessionTitle: programSessions.title,
				sessionStartsAt: programSessions.startsAt,
				sessionEndsAt: programSessions.endsAt,
				pitchStartsAt: projects.pitchStartsAt,
				pitchMinutes: projects.pitchMinutes,
				createdAt: projects.createdAt
			})
			.from(projects)
			.innerJoin(partners, eq(partners.id, projects.partnerId))
			.innerJoin(delegates, eq(delegates.id, projects.delegateId))
			.leftJoin(programSessions, eq(programSessions.id, projects.sessionId))
			.where(and(eq(projects.eventId, eventId), partnerId ? eq(projects.partnerId, partnerId) : undefined))
			.orderBy(asc(partners.slug), asc(projects.createdAt)),
		published(eventId)
	]);
	const released = new Map((rel?.snapshot.pitches ?? []).map((p) => [p.id, p]));
	const releasedSessions = new Map((rel?.snapshot.sessions ?? []).map((s) => [s.id, s]));
	const organizer = isOrganizer(a);
	return rows.map(({ sessionStartsAt, sessionEndsAt, ...r }) => {
		const pub = released.get(r.id);
		const pubSession = pub && releasedSessions.get(pub.sessionId);
		if (!organizer) {
			return {
				...r,
				sessionId: pubSession ? pubSession.id : null,
				sessionCode: pubSession ? pubSession.code : null,
				sessionTitle: pubSession ? pubSession.title : null,
				pitchStartsAt: pub && pubSession ? new Date(pub.startsAt) : null,
				pitchMinutes: pub && pubSession ? pub.minutes : null,
				pitch: (pub && pubSession ? 'published' : 'none') as PitchState
			};
		}
		let pitch: PitchState = 'none';
		if (r.sessionId && r.pitchStartsAt && r.pitchMinutes) {
			if (!slotInside({ startsAt: sessionStartsAt, endsAt: sessionEndsAt }, r.pitchStartsAt, r.pitchMinutes)) pitch = 'outside';
			else if (pub && pub.sessionId === r.sessionId && pub.startsAt === r.pitchStartsAt.toISOString() && pub.minutes === r.pitchMinutes) pitch = 'published';
			else pitch = 'unpublished';
		}
		return { ...r, pitch };
	});
}

/** The pitch deck, for the owning partner and organizers only; anyone else gets not_found. */
export async function deck(actor: Actor, projectId: string) {
	requireUser(actor);
	requireId(projectId);
	const [p] = await db.select({ partnerId: projects.partnerId, deckPath: projects.deckPath, title: projects.title }).from(projects).where(eq(projects.id, projectId)).limit(1);
	if (!p) throw new DomainError('not_found');
	requirePartnerAccess(actor, p.partnerId);
	if (!p.deckPath) throw new DomainError('not_found');
	return { bytes: await files.load(p.deckPath), filename: `project-${projectId.slice(0, 8)}.pdf` };
}

export async function setShortlisted(actor: Actor, projectId: string, shortlisted: boolean) {
	requireArea(actor, 'organizer');
	const [p] = await db
		.update(projects)
		.set(shortlisted ? { status: 'shortlisted' } : { status: 'submitted', sessionId: null, pitchStartsAt: null, pitchMinutes: null })
		.where(and(eq(projects.id, projectId), ne(projects.status, 'withdrawn')))
		.returning({ id: projects.id, eventId: projects.eventId });
	if (!p) throw new DomainError('not_found');
	await record(actor, shortlisted ? 'partner.project_shortlist' : 'partner.project_unshortlist', { targetType: 'project', targetId: projectId, eventId: p.eventId });
}

/**
 * Sessions of the draft program with the zone their local times are read in (the venue's, else the
 * event's): the one query behind the organizers' roadshow list and the pitch placement check.
 */
function draftSessions(ex: Executor, where: SQL) {
	return ex
		.select({
			id: programSessions.id,
			eventId: programSessions.eventId,
			code: programSessions.code,
			title: programSessions.title,
			kind: programSessions.kind,
			startsAt: programSessions.startsAt,
			endsAt: programSessions.endsAt,
			timeZone: sql<string>`coalesce(${venues.timeZone}, ${events.timeZone})`
		})
		.from(programSessions)
		.innerJoin(events, eq(events.id, programSessions.eventId))
		.leftJoin(rooms, eq(rooms.id, programSessions.roomId))
		.leftJoin(venues, eq(venues.id, rooms.venueId))
		.where(where);
}

/**
 * Roadshow sessions of an edition that pitches can be placed into, with their zone: the draft's, since
 * the organizers prepare the next release there. `published` says whether the current release has
 * the session at all (a draft-only one shows nothing to the public yet).
 */
export async function roadshows(actor: Actor, eventId: string) {
	requireArea(actor, 'organizer');
	const [rows, rel] = await Promise.all([
		draftSessions(db, and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'roadshow'))!).orderBy(asc(programSessions.startsAt)),
		published(eventId)
	]);
	const released = new Set((rel?.snapshot.sessions ?? []).map((s) => s.id));
	return rows.map((r) => ({ ...r, published: released.has(r.id) }));
}

/**
 * Places a shortlisted project into a roadshow session. The slot ("HH:MM" local to the session's
 * venue, on the session's day) must lie inside the session and overlap no other pitch there; the
 * session row is locked so two organizers cannot fill one slot twice.
 *
 * The check reads the draft program, not the release: a placement is an edit of the next release,
 * which is built from the draft (sessions and pitches together), so the draft is what it must fit.
 * The public sees the slot once that release is published; a session moved in the draft afterwards
 * leaves its pitch out of releases until it is placed again (see `PitchState`).
 */
export async function placePitch(actor: Actor, input: { projectId: string; sessionId: string; start: string; minutes: number }) {
	requireArea(actor, 'organizer');
	await db.transaction(async (tx) => {
		const [p] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for('update').limit(1);
		if (!p) throw new DomainError('not_found');
		if (p.status !== 'shortlisted') throw new DomainError('not_shortlisted', { status: 409 });
		const [s] = await draftSessions(tx, eq(programSessions.id, input.sessionId)).for('update', { of: programSessions }).limit(1);
		if (!s || s.eventId !== p.eventId || s.kind !== 'roadshow' || !s.startsAt) throw new DomainError('invalid_input', { fields: { sessionId: ['v_choice'] } });
		const start = zonedTime(localDate(s.startsAt, s.timeZone), input.start, s.timeZone);
		if (!slotInside(s, start, input.minutes)) throw new DomainError('pitch_outside_session', { status: 409, fields: { start: ['e_pitch_outside_session'] } });
		const others = await tx
			.select({ id: projects.id, start: projects.pitchStartsAt, minutes: projects.pitchMinutes })
			.from(projects)
			.where(and(eq(projects.sessionId, s.id), ne(projects.id, p.id)));
		if (others.some((o) => o.start && o.minutes && overlaps({ start, minutes: input.minutes }, { start: o.start, minutes: o.minutes })))
			throw new DomainError('pitch_overlap', { status: 409, fields: { start: ['e_pitch_overlap'] } });
		await tx.update(projects).set({ sessionId: s.id, pitchStartsAt: start, pitchMinutes: input.minutes }).where(eq(projects.id, p.id));
		await record(actor, 'partner.pitch_place', { targetType: 'project', targetId: p.id, eventId: p.eventId, data: { sessionId: s.id, start: start.toISOString(), minutes: input.minutes } }, tx);
	});
}
