/** The organizer list: filters, search, sort, paging, CSV rows, and what the list can filter by. */
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db';
import { scans } from '../checkin/tables';
import { categories, registrations } from './tables';
import { partnerEditions, partners } from '../partners/tables';
import { users } from '../auth/tables';
import { requireArea, type Actor } from '../auth/access';
import * as eventsDomain from '../events';
import { categoryOf } from './categories';
import * as rules from './rules';
import type { Status } from './rules';
import type { ListQuery } from '$lib/schemas/registrations';
import { listQuerySchema } from '$lib/schemas/registrations';

export type ListFilters = ListQuery;

function escapeLike(s: string) {
	return s.replace(/[%_\\]/g, '\\$&');
}

async function listWhere(eventId: string, f: ReturnType<typeof listQuerySchema.parse>): Promise<SQL[]> {
	const where: SQL[] = [eq(registrations.eventId, eventId)];
	if (f.category) {
		const c = await categoryOf(eventId, f.category);
		where.push(eq(registrations.categoryId, c?.id ?? '00000000-0000-0000-0000-000000000000'));
	}
	if (f.partner === 'none') where.push(isNull(registrations.partnerId));
	else if (f.partner) {
		const [p] = await db
			.select({ id: partners.id })
			.from(partners)
			.where(/^[0-9a-f-]{36}$/i.test(f.partner) ? eq(partners.id, f.partner) : eq(partners.slug, f.partner))
			.limit(1);
		where.push(eq(registrations.partnerId, p?.id ?? '00000000-0000-0000-0000-000000000000'));
	}
	if (f.country) where.push(eq(registrations.country, f.country));
	if (f.field) where.push(eq(registrations.field, f.field));
	if (f.q) {
		const like = `%${escapeLike(f.q)}%`;
		where.push(or(ilike(users.name, like), ilike(users.email, like), ilike(users.nameZh, like), ilike(users.organization, like), eq(registrations.publicId, f.q.toUpperCase()))!);
	}
	if (f.checkedIn) {
		const admitted = sql`exists (select 1 from ${scans} where ${scans.registrationId} = ${registrations.id} and ${scans.result} = 'admitted')`;
		where.push(f.checkedIn === 'yes' ? admitted : sql`not ${admitted}`);
	}
	return where;
}

/**
 * The organizer list: server-side filters, search, sort and paging, with counts per state for the
 * same filters (status aside). Indexes: registrations_event_* (see tables.ts).
 */
export async function list(actor: Actor, eventSlug: string, query: ListFilters = {}) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const f = listQuerySchema.parse(query);
	const base = await listWhere(event.id, f);
	const where = f.status ? [...base, eq(registrations.status, f.status)] : base;
	const order = {
		seq: [asc(registrations.seq)],
		'-seq': [desc(registrations.seq)],
		name: [asc(users.name), asc(registrations.seq)],
		'-name': [desc(users.name), asc(registrations.seq)],
		status: [asc(registrations.status), asc(registrations.seq)],
		category: [asc(categories.position), asc(registrations.seq)]
	}[f.sort];
	const needsUsers = Boolean(f.q);
	const countQuery = db.select({ status: registrations.status, n: sql<number>`count(*)::int` }).from(registrations);
	const countRows = await (needsUsers ? countQuery.innerJoin(users, eq(users.id, registrations.userId)) : countQuery).where(and(...base)).groupBy(registrations.status);
	const counts = Object.fromEntries(rules.CONFIRMED.concat(['waitlisted', 'rejected', 'cancelled']).map((s) => [s, 0])) as Record<Status, number>;
	for (const r of countRows) counts[r.status as Status] = r.n;
	const total = f.status ? counts[f.status] : Object.values(counts).reduce((a, b) => a + b, 0);
	const items = await db
		.select({
			id: registrations.id,
			publicId: registrations.publicId,
			seq: registrations.seq,
			status: registrations.status,
			answers: registrations.answers,
			country: registrations.country,
			field: registrations.field,
			createdAt: registrations.createdAt,
			name: users.name,
			nameZh: users.nameZh,
			email: users.email,
			organization: users.organization,
			category: { slug: categories.slug, name: categories.name, color: categories.color },
			partner: { slug: partners.slug, name: partners.name }
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.leftJoin(partners, eq(partners.id, registrations.partnerId))
		.where(and(...where))
		.orderBy(...order)
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize);
	return { event, total, counts, page: f.page, pageSize: f.pageSize, items };
}

/** Every row of the filtered list (CSV export), in pages so memory stays flat. */
export async function* exportRows(actor: Actor, eventSlug: string, query: ListFilters = {}) {
	for (let page = 1; ; page++) {
		const { items } = await list(actor, eventSlug, { ...query, page, pageSize: 500 });
		yield* items;
		if (items.length < 500) return;
	}
}

/** What the organizer list can filter by: categories, the event's partners, countries and fields present. */
export async function filterOptions(actor: Actor, eventSlug: string) {
	requireArea(actor, 'organizer');
	const event = await eventsDomain.getBySlug(actor, eventSlug);
	const [cats, ptns, countries, fields] = await Promise.all([
		db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.eventId, event.id)).orderBy(asc(categories.position)),
		db
			.select({ slug: partners.slug, name: partners.name })
			.from(partnerEditions)
			.innerJoin(partners, eq(partners.id, partnerEditions.partnerId))
			.where(eq(partnerEditions.eventId, event.id))
			.orderBy(asc(partners.slug)),
		db.selectDistinct({ v: registrations.country }).from(registrations).where(and(eq(registrations.eventId, event.id), sql`${registrations.country} is not null`)).orderBy(asc(registrations.country)),
		db.selectDistinct({ v: registrations.field }).from(registrations).where(and(eq(registrations.eventId, event.id), sql`${registrations.field} is not null`)).orderBy(asc(registrations.field))
	]);
	return { event, categories: cats, partners: ptns, countries: countries.map((c) => c.v!), fields: fields.map((f) => f.v!) };
}
