/**
 * Speaker photos: accepted by what the bytes are (magic numbers), not by the name or the type the
 * browser claims; at most 2 MB; stored under DATA_DIR/uploads with a random name and served only
 * through a route, so nothing uploaded is ever served from a guessable static path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../errors';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type Ext = keyof typeof TYPES;

/** The image type of some bytes, or null. */
export function sniffImage(b: Uint8Array): Ext | null {
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
	if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'png';
	if (b.length >= 12 && String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') return 'webp';
	return null;
}

const uploadsDir = () => path.resolve(process.env.DATA_DIR || './data', 'uploads');

/** Checks and stores a photo; returns its stored name (relative to the uploads directory). */
export async function storePhoto(file: File): Promise<string> {
	if (file.size > MAX_PHOTO_BYTES) throw new DomainError('invalid_input', { fields: { photo: ['e_sched_photo_too_big'] } });
	const bytes = new Uint8Array(await file.arrayBuffer());
	const ext = sniffImage(bytes);
	if (!ext) throw new DomainError('invalid_input', { fields: { photo: ['e_sched_photo_type'] } });
	const name = `speakers/${crypto.randomUUID()}.${ext}`;
	await fs.mkdir(path.join(uploadsDir(), 'speakers'), { recursive: true });
	await fs.writeFile(path.join(uploadsDir(), name), bytes);
	return name;
}

/** Reads a stored photo; the name must be one we wrote (no path tricks). */
export async function readPhoto(name: string): Promise<{ bytes: Uint8Array; type: string } | null> {
	const m = /^speakers\/[0-9a-f-]{36}\.(jpg|png|webp)$/.exec(name);
	if (!m) return null;
	try {
		return { bytes: new Uint8Array(await fs.readFile(path.join(uploadsDir(), name))), type: TYPES[m[1] as Ext] };
	} catch {
		return null;
	}
}
