/** The badge QR code as an image: SVG for pages, PNG to download. Error correction M, as the code format was sized for. */
import QRCode from 'qrcode';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../db';
import { DomainError } from '../errors';
import { isOrganizer, requireUser, type Actor } from '../auth/access';
import { registrations } from './tables';
import { badges } from '../badges/tables';
import { cache as newCache } from '../cache';

/**
 * The current badge code of a registration the actor may see (their own, or any for organizers),
 * or not_found when there is none valid. One statement: badges are fetched by phones and printers.
 */
/**
 * Approved registrations' current codes, for the badge images phones and printers fetch again and
 * again (issue 18: on PGlite one statement bounds the request). Only a current, approved badge is
 * kept; every issue and revocation (`badges.issue` / `revoke`, which every status change away from
 * approved and every reissue goes through) broadcasts `badge` for the registration, and an entry
 * is re-read after 5 s at the latest (a revocation racing its own transaction's commit).
 */
const currentCodes = newCache<{ userId: string; code: string }>({ max: 20_000, ttlMs: 5_000, invalidateOn: { topic: 'badge', drop: 'key' } });

export async function badgeCode(actor: Actor, id: string): Promise<string> {
	requireUser(actor);
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found');
	const hit = currentCodes.get(id);
	if (hit) {
		if (hit.userId !== actor.id && !isOrganizer(actor)) throw new DomainError('not_found');
		return hit.code;
	}
	const current = db
		.select({ code: badges.code })
		.from(badges)
		.where(and(eq(badges.registrationId, registrations.id), isNull(badges.revokedAt)))
		.orderBy(desc(badges.version))
		.limit(1);
	const [row] = await db
		.select({ userId: registrations.userId, status: registrations.status, code: sql<string | null>`(${current})` })
		.from(registrations)
		.where(eq(registrations.id, id))
		.limit(1);
	if (row?.status === 'approved' && row.code) currentCodes.set(id, { userId: row.userId, code: row.code });
	if (!row || (row.userId !== actor.id && !isOrganizer(actor)) || row.status !== 'approved' || !row.code) throw new DomainError('not_found');
	return row.code;
}

/** Rendered codes: a badge code never changes (a new version is a new code), so neither does its image. */
const svgCache = newCache<string>({ max: 2_000 });

export async function qrSvg(code: string): Promise<string> {
	const hit = svgCache.get(code);
	if (hit) return hit;
	const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	svgCache.set(code, svg);
	return svg;
}

export function qrPng(code: string, width = 512): Promise<Buffer> {
	return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}
