/** Pre-matching sessions of the program cut into meeting slots, with numbered tables (some fixed). */
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { db } from '../db';
import { isOrganizer, requireArea, requireUser, type Actor } from '../auth/access';
import { users } from '../auth/tables';
import { programSessions, rooms } from '../schedule/tables';
import { DomainError } from '../errors';
import { record } from '../audit';
import { matchSessionSchema, type MatchSessionInput } from '$lib/schemas/matchmaking';
import { matchMeetings, matchProfiles, matchSessions, matchSlots, matchTables } from './tables';
import * as rules from './rules';
import * as settingsTopic from './settings';
import { valid } from './shape';
import type { SessionConfigView } from './views';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

async function views(eventId: string, organizer: boolean, only?: string): Promise<SessionConfigView[]> {
	const ps = await db
		.select({ p: programSessions, roomName: rooms.name, cfg: matchSessions })
		.from(programSessions)
		.leftJoin(rooms, eq(rooms.id, programSessions.roomId))
		.leftJoin(matchSessions, eq(matchSessions.sessionId, programSessions.id))
		.where(and(eq(programSessions.eventId, eventId), eq(programSessions.kind, 'prematching'), ne(programSessions.status, 'cancelled'), only ? eq(programSessions.id, only) : undefined))
		.orderBy(asc(programSessions.startsAt));
	const ids = ps.map((x) => x.p.id);
	if (!ids.length) return [];
	const [slots, tables] = await Promise.all([
		db
			.select({ s: matchSlots, roomName: rooms.name })
			.from(matchSlots)
			.innerJoin(rooms, eq(rooms.id, matchSlots.roomId))
			.where(inArray(matchSlots.sessionId, ids))
			.orderBy(asc(matchSlots.position)),
		db
			.select({ t: matchTables, name: users.name, nameZh: users.nameZh, listed: matchProfiles.listed })
			.from(matchTables)
			.leftJoin(matchProfiles, eq(matchProfiles.id, matchTables.fixedProfileId))
			.leftJoin(users, eq(users.id, matchProfiles.userId))
			.where(inArray(matchTables.sessionId, ids))
			.orderBy(asc(matchTables.number))
	]);
	return ps.map((x) => ({
		sessionId: x.p.id,
		code: x.p.code,
		title: x.p.title,
		roomId: x.p.roomId,
		roomName: x.roomName ?? null,
		startsAt: x.p.startsAt?.toISOString() ?? null,
		endsAt: x.p.endsAt?.toISOString() ?? null,
		configured: !!x.cfg,
		slotMinutes: x.cfg?.slotMinutes ?? null,
		gapMinutes: x.cfg?.gapMinutes ?? null,
		tableCount: x.cfg?.tableCount ?? null,
		slots: slots
			.filter((s) => s.s.sessionId === x.p.id)
			.map((s) => ({ id: s.s.id, sessionId: s.s.sessionId, position: s.s.position, roomId: s.s.roomId, roomName: s.roomName, startsAt: s.s.startsAt.toISOString(), endsAt: s.s.endsAt.toISOString() })),
		tables: tables
			.filter((t) => t.t.sessionId === x.p.id)
			.map((t) => ({
				id: t.t.id,
				number: t.t.number,
				fixedProfileId: t.t.fixedProfileId,
				fixedName: t.t.fixedProfileId && (organizer || t.listed) ? (t.nameZh ? `${t.nameZh} ${t.name}` : (t.name ?? null)) : null
			}))
	}));
}

/** The edition's pre-matching sessions with their slots and tables (anyone signed in; fixed names of unlisted people for organizers only). */
export async function sessions(actor: Actor, eventId: string): Promise<SessionConfigView[]> {
	requireUser(actor);
	return views(eventId, isOrganizer(actor));
}

/**
 * Organizers: cuts the session into slots and numbers its tables. While meetings sit in its
 * slots, only tables may be added and fixed (`match_session_has_meetings` otherwise).
 */
export async function configureSession(actor: Actor, sessionId: string, input: MatchSessionInput): Promise<SessionConfigView> {
	requireArea(actor, 'organizer');
	if (!isUuid(sessionId)) throw new DomainError('not_found');
	const v = valid(matchSessionSchema, input);
	const [p] = await db.select().from(programSessions).where(eq(programSessions.id, sessionId));
	if (!p) throw new DomainError('not_found');
	if (p.kind !== 'prematching') throw new DomainError('match_not_prematching', { status: 409 });
	if (!p.roomId || !p.startsAt || !p.endsAt) throw new DomainError('match_session_unscheduled', { status: 409 });
	const cut = rules.cutSlots(p.startsAt.getTime(), p.endsAt.getTime(), v.slotMinutes, v.gapMinutes);
	if (!cut.length) throw new DomainError('invalid_input', { fields: { slotMinutes: ['v_match_session_too_short'] } });
	if (v.fixed.some((f) => f.number > v.tables)) throw new DomainError('invalid_input', { fields: { fixed: ['v_match_table_number'] } });
	const fixedIds = [...new Set(v.fixed.map((f) => f.profileId))];
	if (fixedIds.length) {
		const known = await db.select({ id: matchProfiles.id }).from(matchProfiles).where(and(eq(matchProfiles.eventId, p.eventId), inArray(matchProfiles.id, fixedIds)));
		if (known.length !== fixedIds.length) throw new DomainError('invalid_input', { fields: { fixed: ['v_choice'] } });
	}
	await db.transaction(async (tx) => {
		await settingsTopic.lock(tx, p.eventId);
		const [cfg] = await tx.select().from(matchSessions).where(eq(matchSessions.sessionId, sessionId));
		const oldSlots = await tx.select({ id: matchSlots.id }).from(matchSlots).where(eq(matchSlots.sessionId, sessionId));
		const [{ n: placed }] = oldSlots.length
			? await tx
					.select({ n: count() })
					.from(matchMeetings)
					.where(
						and(
							inArray(
								matchMeetings.slotId,
								oldSlots.map((s) => s.id)
							),
							ne(matchMeetings.status, 'cancelled')
						)
					)
			: [{ n: 0 }];
		const fixedBy = new Map(v.fixed.map((f) => [f.number, f.profileId]));
		if (placed > 0 && cfg) {
			if (cfg.slotMinutes !== v.slotMinutes || cfg.gapMinutes !== v.gapMinutes || v.tables < cfg.tableCount || oldSlots.length !== cut.length) throw new DomainError('match_session_has_meetings', { status: 409 });
			await tx.update(matchSessions).set({ tableCount: v.tables, updatedAt: new Date() }).where(eq(matchSessions.sessionId, sessionId));
			const existing = await tx.select().from(matchTables).where(eq(matchTables.sessionId, sessionId));
			for (const t of existing) {
				const want = fixedBy.get(t.number) ?? null;
				if (want !== t.fixedProfileId) await tx.update(matchTables).set({ fixedProfileId: want }).where(eq(matchTables.id, t.id));
			}
			const have = new Set(existing.map((t) => t.number));
			const add = Array.from({ length: v.tables }, (_, i) => i + 1).filter((n) => !have.has(n));
			if (add.length) await tx.insert(matchTables).values(add.map((n) => ({ eventId: p.eventId, sessionId, roomId: p.roomId!, number: n, fixedProfileId: fixedBy.get(n) ?? null })));
		} else {
			if (cfg) {
				await tx.delete(matchSlots).where(eq(matchSlots.sessionId, sessionId));
				await tx.delete(matchTables).where(eq(matchTables.sessionId, sessionId));
				await tx.update(matchSessions).set({ slotMinutes: v.slotMinutes, gapMinutes: v.gapMinutes, tableCount: v.tables, updatedAt: new Date() }).where(eq(matchSessions.sessionId, sessionId));
			} else {
				await tx.insert(matchSessions).values({ sessionId, eventId: p.eventId, slotMinutes: v.slotMinutes, gapMinutes: v.gapMinutes, tableCount: v.tables });
			}
			await tx.insert(matchSlots).values(cut.map((c, i) => ({ eventId: p.eventId, sessionId, roomId: p.roomId!, position: i + 1, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) })));
			await tx.insert(matchTables).values(Array.from({ length: v.tables }, (_, i) => ({ eventId: p.eventId, sessionId, roomId: p.roomId!, number: i + 1, fixedProfileId: fixedBy.get(i + 1) ?? null })));
		}
		await record(actor, 'match.session', { eventId: p.eventId, targetType: 'program_session', targetId: sessionId, data: { slotMinutes: v.slotMinutes, gapMinutes: v.gapMinutes, tables: v.tables } }, tx);
	});
	const [view] = await views(p.eventId, true, sessionId);
	return view;
}
