/**
 * Rows to views: profiles in bulk (one query each for profiles, openings and projects), the
 * actor's own profile, who may see contact details. Shared by the topic files.
 */
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { db, type Executor } from '../db';
import { users } from '../auth/tables';
import { registrations } from '../registrations/tables';
import { projects } from '../partners/tables';
import { DomainError } from '../errors';
import { isOrganizer, type Actor } from '../auth/access';
import { matchMeetings, matchOpenings, matchProfileProjects, matchProfiles } from './tables';
import type { OpeningView, ProfileView } from './views';

export type ProfileRow = typeof matchProfiles.$inferSelect;

/** Parses with a shared schema; problems become `invalid_input` with the message keys per field. */
export function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const r = schema.safeParse(input);
	if (r.success) return r.data;
	const fields: Record<string, string[]> = {};
	for (const issue of r.error.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
	throw new DomainError('invalid_input', { fields });
}

export const LIVE_MEETING = ['unscheduled', 'scheduled', 'held'] as const;

/** The actor's profile in the edition, or null. */
export async function ownProfile(ex: Executor, actor: Pick<Actor, 'id'>, eventId: string): Promise<ProfileRow | null> {
	const [p] = await ex.select().from(matchProfiles).where(and(eq(matchProfiles.eventId, eventId), eq(matchProfiles.userId, actor.id))).limit(1);
	return p ?? null;
}

export async function requireOwnProfile(ex: Executor, actor: Pick<Actor, 'id'>, eventId: string): Promise<ProfileRow> {
	const p = await ownProfile(ex, actor, eventId);
	if (!p) throw new DomainError('match_no_profile', { status: 409 });
	return p;
}

/** The actor's live registration in the edition (pending, approved or waitlisted), or null. */
export async function liveRegistration(ex: Executor, userId: string, eventId: string) {
	const [r] = await ex
		.select({ id: registrations.id, partnerId: registrations.partnerId, status: registrations.status })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), eq(registrations.userId, userId), inArray(registrations.status, ['pending', 'approved', 'waitlisted'])))
		.limit(1);
	return r ?? null;
}

/** Who may look at the edition's directory: organizers, partner representatives, and people registered for it. */
export async function requireParticipant(actor: Actor, eventId: string) {
	if (isOrganizer(actor) || actor.role === 'partner' || actor.role === 'staff') return;
	if (!(await liveRegistration(db, actor.id, eventId))) throw new DomainError('match_not_registered', { status: 403 });
}

/** Profiles the viewer has an accepted (live or past) meeting with: they see those people's contact details. */
export async function contactsOf(ex: Executor, viewerProfileId: string | null, ids: string[]): Promise<Set<string>> {
	if (!viewerProfileId || !ids.length) return new Set();
	const rows = await ex
		.select({ a: matchMeetings.aProfileId, b: matchMeetings.bProfileId })
		.from(matchMeetings)
		.where(
			and(
				ne(matchMeetings.status, 'cancelled'),
				or(
					and(eq(matchMeetings.aProfileId, viewerProfileId), inArray(matchMeetings.bProfileId, ids)),
					and(eq(matchMeetings.bProfileId, viewerProfileId), inArray(matchMeetings.aProfileId, ids))
				)
			)
		);
	return new Set(rows.map((r) => (r.a === viewerProfileId ? r.b : r.a)));
}

export function photoUrl(p: Pick<ProfileRow, 'id' | 'photo'>): string | null {
	return p.photo ? `/match/photos/${p.id}` : null;
}

/**
 * Views of the given profiles, in the order of `ids` (missing ones skipped). `contact` names the
 * profiles whose contact details the viewer may see; everyone else's stay out of the view.
 */
export async function profileViews(ex: Executor, ids: string[], contact: Set<string> = new Set(), opts: { withDetails?: boolean } = {}): Promise<ProfileView[]> {
	const unique = [...new Set(ids)];
	if (!unique.length) return [];
	const rows = await ex
		.select({ p: matchProfiles, name: users.name, nameZh: users.nameZh, email: users.email })
		.from(matchProfiles)
		.innerJoin(users, eq(users.id, matchProfiles.userId))
		.where(inArray(matchProfiles.id, unique));
	const withDetails = opts.withDetails ?? true;
	const openings = withDetails ? await ex.select().from(matchOpenings).where(inArray(matchOpenings.profileId, unique)).orderBy(matchOpenings.createdAt) : [];
	const projs = withDetails
		? await ex
				.select({ profileId: matchProfileProjects.profileId, id: projects.id, title: projects.title })
				.from(matchProfileProjects)
				.innerJoin(projects, eq(projects.id, matchProfileProjects.projectId))
				.where(inArray(matchProfileProjects.profileId, unique))
		: [];
	const byId = new Map(rows.map((r) => [r.p.id, r]));
	const out: ProfileView[] = [];
	for (const id of ids) {
		const r = byId.get(id);
		if (!r) continue;
		const v: ProfileView = {
			id: r.p.id,
			eventId: r.p.eventId,
			kind: r.p.kind,
			name: r.name,
			nameZh: r.nameZh,
			organization: r.p.organization,
			title: r.p.title,
			sectors: r.p.sectors,
			offers: r.p.offers,
			seeks: r.p.seeks,
			pitch: r.p.pitch,
			languages: r.p.languages,
			photo: photoUrl(r.p),
			timeZone: r.p.timeZone,
			listed: r.p.listed,
			openings: openings.filter((o) => o.profileId === id).map(openingView),
			projects: projs.filter((x) => x.profileId === id).map((x) => ({ id: x.id, title: x.title }))
		};
		if (contact.has(id)) v.contact = { email: r.email, phone: r.p.phone };
		out.push(v);
	}
	return out;
}

export function openingView(o: typeof matchOpenings.$inferSelect): OpeningView {
	return { id: o.id, title: o.title, sector: o.sector, city: o.city };
}

/** Escapes LIKE wildcards. */
export function likeTerm(term: string) {
	return `%${term.replace(/[%_\\]/g, '\\$&')}%`;
}

export const now = () => sql`now()`;
