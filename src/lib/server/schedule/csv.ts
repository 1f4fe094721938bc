/**
 * CSV import and export of sessions (papaparse). The columns round-trip: exporting, then importing
 * the same file changes nothing. Times are local to the room's venue, as organizers think of them.
 * An import is all or nothing: every row is checked first, each bad row reported with its line and
 * reason, and only a clean file is written, in one transaction.
 */
import Papa from 'papaparse';
import { db } from '../db';
import type { Actor } from '../auth/access';
import { requireRole } from '../auth/access';
import { sessionInput } from '$lib/schemas/schedule';
import { localizeIssues, t } from '$lib/i18n/errors';
import type { Locale } from '$lib/i18n/text';
import { isDomainError } from '../errors';
import { draft, saveSession, sessionForm } from './editor';

export const COLUMNS = ['code', 'title_zh', 'title_en', 'abstract_zh', 'abstract_en', 'kind', 'track', 'room', 'date', 'start', 'end', 'capacity', 'requires_booking', 'status', 'speakers'] as const;

export async function exportCsv(actor: Actor, eventId: string): Promise<string> {
	requireRole(actor, 'organizer', 'admin');
	const d = await draft(actor, eventId);
	const track = new Map(d.tracks.map((x) => [x.id, x.slug]));
	const room = new Map(d.rooms.map((r) => [r.id, r.name.en]));
	const speaker = new Map(d.speakers.map((p) => [p.id, p.slug]));
	const rows = d.sessions.map((s) => {
		const f = sessionForm(d, s);
		return [f.code, f.titleZh, f.titleEn, f.abstractZh, f.abstractEn, f.kind, track.get(f.trackId) ?? '', room.get(f.roomId) ?? '', f.date, f.start, f.end, f.capacity, f.requiresBooking, f.status, s.speakerIds.map((id) => speaker.get(id)).join(';')];
	});
	// A BOM so spreadsheet programs read the Chinese as UTF-8.
	return '\uFEFF' + Papa.unparse({ fields: [...COLUMNS], data: rows }, { newline: '\r\n' });
}

export interface RowError {
	line: number;
	code: string;
	field: string;
	message: string;
}

export async function importCsv(actor: Actor, eventId: string, text: string, locale: Locale): Promise<{ ok: true; created: number; updated: number } | { ok: false; errors: RowError[] }> {
	requireRole(actor, 'organizer', 'admin');
	const d = await draft(actor, eventId);
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
	const errors: RowError[] = [];
	const missing = COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
	if (missing.length) return { ok: false, errors: [{ line: 1, code: '', field: missing.join(', '), message: t('sched_csv_missing_columns', locale) }] };
	for (const e of parsed.errors) errors.push({ line: (e.row ?? 0) + 2, code: '', field: '', message: e.message });
	const trackBySlug = new Map(d.tracks.map((x) => [x.slug, x.id]));
	const roomByName = new Map(d.rooms.flatMap((r) => [[r.name.en.toLowerCase(), r.id], [r.name.zh.toLowerCase(), r.id]]));
	const speakerBySlug = new Map(d.speakers.map((p) => [p.slug, p.id]));
	const idByCode = new Map(d.sessions.map((s) => [s.code.toUpperCase(), s.id]));
	const seen = new Map<string, number>();
	// Lines as the organizer's editor shows them: quoted fields may span lines, so count as we go.
	const lines = lineNumbers(text.replace(/^\uFEFF/, ''), parsed.data.length);
	const inputs: ReturnType<typeof sessionInput.parse>[] = [];
	parsed.data.forEach((row, i) => {
		const line = lines[i] ?? i + 2;
		const code = (row.code ?? '').trim().toUpperCase();
		const bad = (field: string, key: string) => errors.push({ line, code, field, message: t(key, locale) });
		if (seen.has(code) && code) bad('code', 'sched_csv_duplicate_code');
		seen.set(code, line);
		const trackId = row.track?.trim() ? trackBySlug.get(row.track.trim()) : '';
		if (trackId === undefined) bad('track', 'sched_csv_unknown_track');
		const roomId = row.room?.trim() ? roomByName.get(row.room.trim().toLowerCase()) : '';
		if (roomId === undefined) bad('room', 'sched_csv_unknown_room');
		const slugs = (row.speakers ?? '').split(';').map((x) => x.trim()).filter(Boolean);
		const speakerIds = slugs.map((s) => speakerBySlug.get(s));
		if (speakerIds.some((x) => !x)) bad('speakers', 'sched_csv_unknown_speaker');
		const result = sessionInput.safeParse({
			id: idByCode.get(code) ?? '',
			code,
			titleZh: row.title_zh ?? '',
			titleEn: row.title_en ?? '',
			abstractZh: row.abstract_zh ?? '',
			abstractEn: row.abstract_en ?? '',
			kind: (row.kind ?? '').trim(),
			trackId: trackId ?? '',
			roomId: roomId ?? '',
			date: (row.date ?? '').trim(),
			start: (row.start ?? '').trim(),
			end: (row.end ?? '').trim(),
			capacity: (row.capacity ?? '').trim(),
			requiresBooking: (row.requires_booking ?? '').trim().toLowerCase() === 'true' ? 'true' : 'false',
			status: (row.status ?? '').trim() || 'confirmed',
			speakerIds: speakerIds.filter((x): x is string => !!x)
		});
		if (!result.success) {
			for (const [field, msgs] of Object.entries(localizeIssues(result.error, locale))) errors.push({ line, code, field: csvField(field), message: msgs.join(' ') });
		} else inputs.push(result.data);
	});
	if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
	try {
		let created = 0;
		let updated = 0;
		await db.transaction(async (tx) => {
			for (const input of inputs) {
				await saveSession(actor, eventId, input, tx);
				if (input.id) updated++;
				else created++;
			}
		});
		return { ok: true, created, updated };
	} catch (e) {
		if (isDomainError(e)) return { ok: false, errors: [{ line: 0, code: '', field: Object.keys(e.fields ?? {}).join(', '), message: t(`e_${e.code}`, locale) }] };
		throw e;
	}
}

const FIELD: Record<string, string> = { titleZh: 'title_zh', titleEn: 'title_en', abstractZh: 'abstract_zh', abstractEn: 'abstract_en', trackId: 'track', roomId: 'room', requiresBooking: 'requires_booking', speakerIds: 'speakers' };
const csvField = (f: string) => FIELD[f] ?? f;

/** The line on which each data record starts (1-based; the header is line 1). */
function lineNumbers(text: string, records: number): number[] {
	const out: number[] = [];
	let line = 1;
	let quoted = false;
	let atRecordStart = false;
	let pastHeader = false;
	for (let i = 0; i < text.length && out.length < records; i++) {
		const ch = text[i];
		if (atRecordStart && ch !== '\r' && ch !== '\n') {
			out.push(line);
			atRecordStart = false;
		}
		if (ch === '"') quoted = !quoted;
		else if (ch === '\n') {
			line++;
			if (!quoted) {
				if (pastHeader || line === 2) atRecordStart = true;
				pastHeader = true;
			}
		}
	}
	return out;
}
