/** Profiles (opt-in), openings, and the directory with search by either script and by pinyin. */
import { and, asc, count, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { db, type Executor } from '../db';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { users } from '../auth/tables';
import { delegates, projects } from '../partners/tables';
import { tracks } from '../schedule/tables';
import { DomainError } from '../errors';
import { record } from '../audit';
import { readPhoto } from '../schedule/uploads';
import { matchDirectorySchema, matchOpeningSchema, matchProfileSchema, type MatchDirectoryQuery, type MatchOpeningInput, type MatchProfileInput } from '$lib/schemas/matchmaking';
import { matchMeetings, matchOpenings, matchProfileProjects, matchProfiles, matchRequests } from './tables';
import * as rules from './rules';
import { contactsOf, likeTerm, liveRegistration, openingView, ownProfile, profileViews, requireOwnProfile, requireParticipant, valid } from './shape';
import type { DirectoryPage, OpeningView, ProfileView } from './views';

export const PAGE_SIZE = 24;

/** The search text of a person: both scripts, pinyin of the Chinese name (full and initials), organization. */
export function searchTextFor(name: string, nameZh: string | null, organization: string): string {
	const zh = nameZh ?? '';
	const han = /\p{Script=Han}/u.test(zh) ? zh : /\p{Script=Han}/u.test(name) ? name : '';
	const py = han ? pinyin(han, { toneType: 'none', v: true, nonZh: 'removed' }) : '';
	const initials = han ? pinyin(han, { toneType: 'none', pattern: 'first', nonZh: 'removed' }) : '';
	return rules.searchText({ name, nameZh: zh || null, organization, pinyin: py, initials });
}

/** The actor's own profile in the edition (with contact), or null before they opted in. */
export async function myProfile(actor: Actor, eventId: string): Promise<ProfileView | null> {
	requireUser(actor);
	const p = await ownProfile(db, actor, eventId);
	if (!p) return null;
	const [v] = await profileViews(db, [p.id], new Set([p.id]));
	return v;
}

/** Creates or updates the actor's profile; needs a live registration (`match_not_registered`). `listed` opts in or out. */
export async function saveProfile(actor: Actor, eventId: string, input: MatchProfileInput): Promise<ProfileView> {
	requireUser(actor);
	const v = valid(matchProfileSchema, input);
	const reg = await liveRegistration(db, actor.id, eventId);
	if (!reg) throw new DomainError('match_not_registered', { status: 403 });
	const slugs = new Set((await db.select({ slug: tracks.slug }).from(tracks).where(eq(tracks.eventId, eventId))).map((t) => t.slug));
	const unknown = v.sectors.filter((s) => !slugs.has(s));
	if (unknown.length) throw new DomainError('invalid_input', { fields: { sectors: ['v_choice'] } });
	const [u] = await db.select({ name: users.name, nameZh: users.nameZh }).from(users).where(eq(users.id, actor.id));
	const values = {
		listed: v.listed,
		kind: v.kind,
		organization: v.organization,
		title: v.title,
		sectors: v.sectors,
		offers: v.offers,
		seeks: v.seeks,
		pitch: { zh: v.pitchZh, en: v.pitchEn },
		languages: v.languages,
		phone: v.phone,
		timeZone: v.timeZone,
		searchText: searchTextFor(u.name, u.nameZh, v.organization),
		updatedAt: new Date()
	};
	const id = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(matchProfiles)
			.values({ eventId, registrationId: reg.id, userId: actor.id, ...values })
			.onConflictDoUpdate({ target: [matchProfiles.eventId, matchProfiles.userId], set: values })
			.returning({ id: matchProfiles.id });
		// Only projects the person brings as a delegate may be linked.
		const own = v.projectIds.length
			? await tx
					.select({ id: projects.id })
					.from(projects)
					.innerJoin(delegates, eq(delegates.id, projects.delegateId))
					.where(and(eq(projects.eventId, eventId), eq(delegates.userId, actor.id), inArray(projects.id, v.projectIds.filter(isUuid))))
			: [];
		await tx.delete(matchProfileProjects).where(eq(matchProfileProjects.profileId, row.id));
		if (own.length) await tx.insert(matchProfileProjects).values(own.map((p) => ({ profileId: row.id, projectId: p.id })));
		await record(actor, 'match.profile', { eventId, targetType: 'match_profile', targetId: row.id, data: { listed: v.listed } }, tx);
		return row.id;
	});
	const [view] = await profileViews(db, [id], new Set([id]));
	return view;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function addOpening(actor: Actor, eventId: string, input: MatchOpeningInput): Promise<OpeningView> {
	requireUser(actor);
	const v = valid(matchOpeningSchema, input);
	const me = await requireOwnProfile(db, actor, eventId);
	const [row] = await db.insert(matchOpenings).values({ profileId: me.id, title: { zh: v.titleZh, en: v.titleEn }, sector: v.sector, city: v.city }).returning();
	return openingView(row);
}

export async function removeOpening(actor: Actor, openingId: string): Promise<void> {
	requireUser(actor);
	if (!isUuid(openingId)) throw new DomainError('not_found');
	const [o] = await db
		.select({ id: matchOpenings.id, userId: matchProfiles.userId })
		.from(matchOpenings)
		.innerJoin(matchProfiles, eq(matchProfiles.id, matchOpenings.profileId))
		.where(eq(matchOpenings.id, openingId));
	if (!o || (o.userId !== actor.id && !isOrganizer(actor))) throw new DomainError('not_found');
	await db.delete(matchOpenings).where(eq(matchOpenings.id, openingId));
}

/** Does the viewer have a request or meeting with this profile (so they may still see it when unlisted)? */
async function related(ex: Executor, viewer: string, other: string): Promise<boolean> {
	const pair = (a: SQL | undefined) => a;
	const [r] = await ex
		.select({ n: count() })
		.from(matchRequests)
		.where(pair(or(and(eq(matchRequests.fromProfileId, viewer), eq(matchRequests.toProfileId, other)), and(eq(matchRequests.fromProfileId, other), eq(matchRequests.toProfileId, viewer)))));
	if (r.n > 0) return true;
	const [m] = await ex
		.select({ n: count() })
		.from(matchMeetings)
		.where(or(and(eq(matchMeetings.aProfileId, viewer), eq(matchMeetings.bProfileId, other)), and(eq(matchMeetings.aProfileId, other), eq(matchMeetings.bProfileId, viewer))));
	return m.n > 0;
}

/**
 * One profile: listed ones for participants of the edition, any for organizers, unlisted ones to
 * people they already have a request or meeting with. Contact only with an accepted meeting.
 */
export async function profile(actor: Actor, profileId: string): Promise<ProfileView> {
	requireUser(actor);
	if (!isUuid(profileId)) throw new DomainError('not_found');
	const [p] = await db.select().from(matchProfiles).where(eq(matchProfiles.id, profileId)).limit(1);
	if (!p) throw new DomainError('not_found');
	if (p.userId === actor.id) {
		const [own] = await profileViews(db, [p.id], new Set([p.id]));
		return own;
	}
	await requireParticipant(actor, p.eventId);
	const me = await ownProfile(db, actor, p.eventId);
	if (!p.listed && !isOrganizer(actor) && !(me && (await related(db, me.id, p.id)))) throw new DomainError('not_found');
	const contact = await contactsOf(db, me?.id ?? null, [p.id]);
	const [v] = await profileViews(db, [p.id], contact);
	return v;
}

/** Listed profiles (never the actor's own), 24 a page, without contact details. */
export async function directory(actor: Actor, eventId: string, query: Partial<MatchDirectoryQuery> = {}): Promise<DirectoryPage> {
	requireUser(actor);
	await requireParticipant(actor, eventId);
	const q = valid(matchDirectorySchema, query);
	const where: SQL[] = [eq(matchProfiles.eventId, eventId), eq(matchProfiles.listed, true), ne(matchProfiles.userId, actor.id)];
	if (q.kind) where.push(eq(matchProfiles.kind, q.kind));
	if (q.sector) where.push(sql`${matchProfiles.sectors} @> ${JSON.stringify([q.sector])}::jsonb`);
	if (q.seeks) where.push(sql`${matchProfiles.seeks} @> ${JSON.stringify([q.seeks])}::jsonb`);
	if (q.offers) where.push(sql`${matchProfiles.offers} @> ${JSON.stringify([q.offers])}::jsonb`);
	for (const term of rules.queryTerms(q.q)) where.push(sql`${matchProfiles.searchText} like ${likeTerm(term)}`);
	const page = q.page ?? 1;
	const cond = and(...where);
	const [{ n }] = await db.select({ n: count() }).from(matchProfiles).where(cond);
	const ids = await db
		.select({ id: matchProfiles.id })
		.from(matchProfiles)
		.innerJoin(users, eq(users.id, matchProfiles.userId))
		.where(cond)
		.orderBy(asc(users.name), asc(matchProfiles.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	const items = await profileViews(
		db,
		ids.map((r) => r.id)
	);
	return { items, total: n, page, pageSize: PAGE_SIZE };
}

/**
 * The stored photo of a profile for `/match/photos/{id}`: only to someone who may see the profile
 * (its owner, a participant of the edition when listed or related, organizers). Read through the
 * upload storage, which accepts only names it wrote. No photo, or not visible: `not_found`.
 */
export async function photo(actor: Actor, profileId: string): Promise<{ bytes: Uint8Array; type: string }> {
	await profile(actor, profileId);
	const [p] = await db.select({ photo: matchProfiles.photo }).from(matchProfiles).where(eq(matchProfiles.id, profileId)).limit(1);
	const stored = p?.photo ? await readPhoto(p.photo) : null;
	if (!stored) throw new DomainError('not_found');
	return stored;
}

/**
 * The projects the actor may link to their profile in the edition: the partner projects they bring
 * as a delegate (the same rule saveProfile applies), whether linked already or not. By title.
 */
export async function linkableProjects(actor: Actor, eventId: string): Promise<{ id: string; title: { zh: string; en: string } }[]> {
	requireUser(actor);
	if (!isUuid(eventId)) throw new DomainError('not_found');
	const rows = await db
		.select({ id: projects.id, title: projects.title })
		.from(projects)
		.innerJoin(delegates, eq(delegates.id, projects.delegateId))
		.where(and(eq(projects.eventId, eventId), eq(delegates.userId, actor.id)))
		.orderBy(asc(projects.createdAt), asc(projects.id));
	return rows;
}
