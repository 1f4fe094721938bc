/** Organizer figures: requested, accepted, scheduled, held, no-show; by sector, kind and partner. */
import { eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { requireArea, type Actor } from '../auth/access';
import { registrations } from '../registrations/tables';
import { partners } from '../partners/tables';
import { matchMeetings, matchOutcomes, matchProfiles, matchRatings, matchRequests } from './tables';
import type { FigureRow, Figures, Outcome, RequestStatus } from './views';
import * as rules from './rules';

const empty = (key: string): FigureRow => ({ key, requested: 0, accepted: 0, scheduled: 0, held: 0, noShow: 0 });

/**
 * A request or meeting counts once for each kind, sector and partner of its two people (a meeting
 * between two AI people counts once for AI). Requests: every request made; accepted: those accepted;
 * scheduled: meetings with a time (held and no-shows included); held; no-show.
 */
export async function figures(actor: Actor, eventId: string): Promise<Figures> {
	requireArea(actor, 'organizer');
	const [profiles, reqs, meetings] = await Promise.all([
		db
			.select({ id: matchProfiles.id, kind: matchProfiles.kind, sectors: matchProfiles.sectors, listed: matchProfiles.listed, partnerId: registrations.partnerId })
			.from(matchProfiles)
			.innerJoin(registrations, eq(registrations.id, matchProfiles.registrationId))
			.where(eq(matchProfiles.eventId, eventId)),
		db.select({ from: matchRequests.fromProfileId, to: matchRequests.toProfileId, status: matchRequests.status, expiresAt: matchRequests.expiresAt }).from(matchRequests).where(eq(matchRequests.eventId, eventId)),
		db.select({ id: matchMeetings.id, a: matchMeetings.aProfileId, b: matchMeetings.bProfileId, status: matchMeetings.status, startsAt: matchMeetings.startsAt }).from(matchMeetings).where(eq(matchMeetings.eventId, eventId))
	]);
	const ids = meetings.map((m) => m.id);
	const [ratings, outcomes] = ids.length
		? await Promise.all([db.select().from(matchRatings).where(inArray(matchRatings.meetingId, ids)), db.select().from(matchOutcomes).where(inArray(matchOutcomes.meetingId, ids))])
		: [[], []];
	const partnerIds = [...new Set(profiles.map((p) => p.partnerId).filter((x): x is string => !!x))];
	const partnerNames = partnerIds.length ? await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, partnerIds)) : [];
	const byId = new Map(profiles.map((p) => [p.id, p]));
	const total = empty('total');
	const groups = { sector: new Map<string, FigureRow>(), kind: new Map<string, FigureRow>(), partner: new Map<string, FigureRow>() };
	const bump = (people: string[], field: keyof Omit<FigureRow, 'key'>) => {
		total[field]++;
		const keys = { sector: new Set<string>(), kind: new Set<string>(), partner: new Set<string>() };
		for (const id of people) {
			const p = byId.get(id);
			if (!p) continue;
			keys.kind.add(p.kind);
			for (const s of p.sectors) keys.sector.add(s);
			if (p.partnerId) keys.partner.add(p.partnerId);
		}
		for (const g of ['sector', 'kind', 'partner'] as const)
			for (const k of keys[g]) {
				const row = groups[g].get(k) ?? empty(k);
				row[field]++;
				groups[g].set(k, row);
			}
	};
	const now = new Date();
	const requestsByStatus: Record<RequestStatus, number> = { pending: 0, accepted: 0, declined: 0, expired: 0, withdrawn: 0 };
	for (const r of reqs) {
		bump([r.from, r.to], 'requested');
		requestsByStatus[rules.effectiveStatus(r.status, r.expiresAt, now)]++;
		if (r.status === 'accepted') bump([r.from, r.to], 'accepted');
	}
	for (const m of meetings) {
		if (m.startsAt && m.status !== 'cancelled') bump([m.a, m.b], 'scheduled');
		if (m.status === 'held') bump([m.a, m.b], 'held');
		if (m.status === 'no_show') bump([m.a, m.b], 'noShow');
	}
	const sorted = (m: Map<string, FigureRow>) => [...m.values()].sort((x, y) => y.requested - x.requested || (x.key < y.key ? -1 : 1));
	const outcomeCounts: Record<Outcome, number> = { talks: 0, agreement: 0, company_founded: 0, none: 0 };
	for (const o of outcomes) if (o.outcome) outcomeCounts[o.outcome]++;
	return {
		total,
		bySector: sorted(groups.sector),
		byKind: sorted(groups.kind),
		byPartner: sorted(groups.partner).map((r) => ({ ...r, name: partnerNames.find((p) => p.id === r.key)?.name ?? null })),
		profiles: { listed: profiles.filter((p) => p.listed).length, total: profiles.length },
		ratings: {
			count: ratings.length,
			average: ratings.length ? Math.round((ratings.reduce((s, r) => s + r.stars, 0) / ratings.length) * 10) / 10 : null,
			followUps: ratings.filter((r) => r.followUp).length
		},
		outcomes: outcomeCounts,
		requestsByStatus
	};
}
