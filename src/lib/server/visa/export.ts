/**
 * The approved list for the host's application to the authorities (邀请确认函): one row per
 * person with a current letter, passport data in clear. Organizers only, audited.
 */
import { stringify } from 'csv-stringify/sync';
import { requireArea, type Actor } from '../auth/access';
import { record } from '../audit';
import { list } from './requests';

export async function approvedCsv(actor: Actor, eventId: string): Promise<string> {
	requireArea(actor, 'organizer');
	const rows = (await list(actor, eventId, { status: 'approved' })).filter((r) => r.letter && !r.letter.revokedAt).sort((a, b) => a.letter!.number.localeCompare(b.letter!.number));
	const header = ['letter_number', 'passport_name', 'sex', 'date_of_birth', 'nationality', 'passport_number', 'passport_expiry', 'employer', 'position', 'entry_date', 'exit_date', 'entries', 'consulate', 'email'];
	const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
	const body = rows.map((r) =>
		[r.letter!.number, r.passportName, r.sex, r.dateOfBirth ?? '', r.nationality, r.passportNumber ?? '', r.passportExpiry ?? '', r.employer, r.position, r.entryDate, r.exitDate, r.entries, r.consulate, r.person.email].map(safe)
	);
	await record(actor, 'visa.export', { targetType: 'event', targetId: eventId, eventId, data: { rows: rows.length } });
	return '\ufeff' + stringify([header, ...body]);
}
