/**
 * The audit log as a person reads it: who (name, not a UUID), did what (the action code, which the
 * page words in the reader's language), to whom or what (the target's name), in which event. Targets
 * are looked up per type in one query each for the whole page, not one per row.
 */
import { and, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { db } from '../db';
import { auditLog } from './tables';
import { users, apiTokens } from '../auth/tables';
import { registrations, categories } from '../registrations/tables';
import { partners, delegates, projects } from '../partners/tables';
import { checkpoints, devices } from '../checkin/tables';
import { events } from '../events/tables';
import { releases } from '../schedule/tables';
import { requireRole, type Actor } from '../auth/access';
import type { I18nText } from '../db/columns';

/** A name in both scripts where the thing has them, else one string. */
export type Label = string | I18nText;
export interface ReadableEntry {
	id: string;
	at: Date;
	action: string;
	actor: { id: string; name: string; nameZh: string | null; email: string } | null;
	target: { type: string; id: string; label: Label | null } | null;
	event: I18nText | null;
	data: Record<string, unknown> | null;
}

const person = (u: { name: string; nameZh: string | null }): I18nText => ({ en: u.name, zh: u.nameZh ? `${u.nameZh}（${u.name}）` : u.name });

async function labels(type: string, ids: string[]): Promise<Map<string, Label>> {
	const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
	if (!uuids.length) return new Map();
	switch (type) {
		case 'user': {
			const rows = await db.select({ id: users.id, name: users.name, nameZh: users.nameZh, email: users.email }).from(users).where(inArray(users.id, uuids));
			return new Map(rows.map((r) => [r.id, person(r)]));
		}
		case 'registration': {
			const rows = await db
				.select({ id: registrations.id, name: users.name, nameZh: users.nameZh })
				.from(registrations)
				.innerJoin(users, eq(users.id, registrations.userId))
				.where(inArray(registrations.id, uuids));
			return new Map(rows.map((r) => [r.id, person(r)]));
		}
		case 'partner':
			return new Map((await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, uuids))).map((r) => [r.id, r.name]));
		case 'category':
			return new Map((await db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, uuids))).map((r) => [r.id, r.name]));
		case 'checkpoint':
			return new Map((await db.select({ id: checkpoints.id, name: checkpoints.name }).from(checkpoints).where(inArray(checkpoints.id, uuids))).map((r) => [r.id, r.name as I18nText]));
		case 'device':
			return new Map((await db.select({ id: devices.id, name: devices.name }).from(devices).where(inArray(devices.id, uuids))).map((r) => [r.id, r.name]));
		case 'event':
			return new Map((await db.select({ id: events.id, name: events.name }).from(events).where(inArray(events.id, uuids))).map((r) => [r.id, r.name]));
		case 'delegate':
			return new Map((await db.select({ id: delegates.id, name: delegates.name }).from(delegates).where(inArray(delegates.id, uuids))).map((r) => [r.id, r.name]));
		case 'project':
			return new Map((await db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, uuids))).map((r) => [r.id, r.title]));
		case 'release':
			return new Map(
				(await db.select({ id: releases.id, version: releases.version, name: releases.name }).from(releases).where(inArray(releases.id, uuids))).map((r) => [
					r.id,
					// A release named just "v1" says nothing its number does not.
					/^v?\d+$/i.test(r.name.trim()) ? { zh: `第 ${r.version} 版`, en: `version ${r.version}` } : { zh: `第 ${r.version} 版「${r.name}」`, en: `version ${r.version} “${r.name}”` }
				])
			);
		case 'api_token':
			return new Map((await db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, uuids))).map((r) => [r.id, r.name]));
		default:
			return new Map();
	}
}

export async function readable(
	actor: Actor,
	filter: { action?: string; page?: number; pageSize?: number } = {}
): Promise<{ entries: ReadableEntry[]; total: number; page: number; pageSize: number }> {
	requireRole(actor, 'admin');
	const pageSize = Math.min(200, Math.max(1, filter.pageSize ?? 50));
	const page = Math.max(1, filter.page ?? 1);
	const where: SQL[] = [];
	if (filter.action) where.push(ilike(auditLog.action, `${filter.action.replace(/[%_\\]/g, '\\$&')}%`));
	const cond = where.length ? and(...where) : undefined;
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({ e: auditLog, actor: { id: users.id, name: users.name, nameZh: users.nameZh, email: users.email }, eventName: events.name })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.leftJoin(events, eq(events.id, auditLog.eventId))
			.where(cond)
			.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(auditLog).where(cond)
	]);
	const byType = new Map<string, Set<string>>();
	for (const { e } of rows) if (e.targetType && e.targetId) (byType.get(e.targetType) ?? byType.set(e.targetType, new Set()).get(e.targetType)!).add(e.targetId);
	const resolved = new Map<string, Map<string, Label>>();
	await Promise.all([...byType].map(async ([type, ids]) => resolved.set(type, await labels(type, [...ids]))));
	return {
		entries: rows.map(({ e, actor: a, eventName }) => ({
			id: e.id,
			at: e.createdAt,
			action: e.action,
			actor: a?.id ? a : null,
			target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId, label: resolved.get(e.targetType)?.get(e.targetId) ?? null } : null,
			event: eventName ?? null,
			data: e.data ?? null
		})),
		total: Number(total),
		page,
		pageSize
	};
}
