/**
 * The host's side of the letter, per edition: names, contact, signatory, number prefix, purge
 * delay, and the letterhead and seal images. Images are checked by content (PNG or JPEG magic bytes)
 * and size, and stored under DATA_DIR/uploads/visa with random names, never served directly.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { db, type Executor } from '../db';
import { requireArea, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import { record } from '../audit';
import { uploadsRoot, load, remove } from '../partners/files';
import { visaSettings } from './tables';
import type { VisaSettingsInput } from '$lib/schemas/visa';

export type Settings = typeof visaSettings.$inferSelect;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export async function get(ex: Executor, eventId: string): Promise<Settings | null> {
	const [row] = await ex.select().from(visaSettings).where(eq(visaSettings.eventId, eventId)).limit(1);
	return row ?? null;
}

export function toRow(eventId: string, v: VisaSettingsInput) {
	return {
		eventId,
		hostName: { zh: v.hostNameZh, en: v.hostNameEn },
		hostAddress: { zh: v.hostAddressZh, en: v.hostAddressEn },
		contactName: v.contactName,
		contactPhone: v.contactPhone,
		contactEmail: v.contactEmail,
		signatoryName: { zh: v.signatoryNameZh, en: v.signatoryNameEn },
		signatoryTitle: { zh: v.signatoryTitleZh, en: v.signatoryTitleEn },
		numberPrefix: v.numberPrefix,
		purgeAfterDays: v.purgeAfterDays
	};
}

export async function save(actor: Actor, eventId: string, v: VisaSettingsInput, ex: Executor = db) {
	requireArea(actor, 'organizer');
	const row = toRow(eventId, v);
	await ex.insert(visaSettings).values(row).onConflictDoUpdate({ target: visaSettings.eventId, set: { ...row, updatedAt: new Date() } });
	await record(actor, 'visa.settings', { targetType: 'event', targetId: eventId, eventId }, ex);
}

/** `png`, `jpg`, or null: by the file's first bytes, whatever its name or declared type. */
export function imageKind(bytes: Uint8Array): 'png' | 'jpg' | null {
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
	return null;
}

export function checkImage(bytes: Uint8Array, field: string): 'png' | 'jpg' {
	if (bytes.length === 0) throw new DomainError('invalid_input', { fields: { [field]: ['e_upload_empty'] } });
	if (bytes.length > MAX_IMAGE_BYTES) throw new DomainError('upload_too_large', { status: 413, fields: { [field]: ['e_upload_too_large'] } });
	const kind = imageKind(bytes);
	if (!kind) throw new DomainError('upload_wrong_type', { fields: { [field]: ['e_visa_image_type'] } });
	return kind;
}

/** Replaces the letterhead or the seal of an edition (settings must exist). */
export async function setImage(actor: Actor, eventId: string, which: 'letterhead' | 'seal', bytes: Uint8Array) {
	requireArea(actor, 'organizer');
	const kind = checkImage(bytes, which);
	const current = await get(db, eventId);
	if (!current) throw new DomainError('visa_settings_missing', { status: 409 });
	const rel = `visa/${randomUUID()}.${kind}`;
	const abs = path.join(uploadsRoot(), rel);
	await fs.mkdir(path.dirname(abs), { recursive: true });
	await fs.writeFile(abs, bytes, { mode: 0o640 });
	await db.update(visaSettings).set({ [which]: rel, updatedAt: new Date() }).where(eq(visaSettings.eventId, eventId));
	await remove(current[which]);
	await record(actor, `visa.${which}`, { targetType: 'event', targetId: eventId, eventId });
}

export async function image(rel: string | null): Promise<Uint8Array | null> {
	if (!rel) return null;
	try {
		return await load(rel);
	} catch {
		return null;
	}
}
