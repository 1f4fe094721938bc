/**
 * Uploaded files (logos, pitch decks) live under DATA_DIR/uploads, outside the web root: nothing
 * there is served except through a route that asks the domain who may read it. Names are random,
 * never taken from the upload, so a crafted file name cannot walk out of the folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors';
import { checkUpload } from './rules';

export function uploadsRoot(): string {
	return path.resolve(process.env.DATA_DIR || './data', 'uploads');
}

/** Reads a browser File, checks it by size and content, returns its bytes. */
export async function readUpload(file: File | null | undefined, kind: 'logo' | 'deck', field: string): Promise<Uint8Array> {
	if (!file || typeof file === 'string' || file.size === 0) throw new DomainError('invalid_input', { fields: { [field]: ['e_upload_empty'] } });
	const bytes = new Uint8Array(await file.arrayBuffer());
	const problem = checkUpload(kind, bytes);
	if (problem) throw new DomainError(problem, { status: problem === 'upload_too_large' ? 413 : 400, fields: { [field]: [`e_${problem}`] } });
	return bytes;
}

/** Writes bytes under uploads/<folder>/ with a random name; returns the relative path to store. */
export async function store(folder: 'logos' | 'decks', ext: string, bytes: Uint8Array): Promise<string> {
	const rel = `${folder}/${randomUUID()}.${ext}`;
	const abs = path.join(uploadsRoot(), rel);
	await fs.mkdir(path.dirname(abs), { recursive: true });
	await fs.writeFile(abs, bytes, { mode: 0o640 });
	return rel;
}

export async function load(rel: string): Promise<Buffer> {
	const root = uploadsRoot();
	const abs = path.resolve(root, rel);
	if (!abs.startsWith(root + path.sep)) throw new DomainError('not_found');
	try {
		return await fs.readFile(abs);
	} catch {
		throw new DomainError('not_found');
	}
}

export async function remove(rel: string | null | undefined) {
	if (!rel) return;
	await fs.rm(path.resolve(uploadsRoot(), rel), { force: true }).catch(() => {});
}
