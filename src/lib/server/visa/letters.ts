/**
 * Issued letters: numbering and signing inside the approving transaction, revocation, and the PDF
 * (built from the request, the edition's settings and the person's program).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { requireUser, type Actor } from '../auth/access';
import { DomainError } from '../errors';
import * as badges from '../badges';
import { published } from '../schedule';
import { stars } from '../schedule/tables';
import { seatBookings } from '../registrations/tables';
import { events } from '../events/tables';
import { localDate, localTime } from '$lib/time';
import { t } from '$lib/i18n/errors';
import { baseUrl } from '../partners/scope';
import { visaLetters, visaRequests } from './tables';
import * as numbering from './numbering';
import * as settingsOf from './settings';
import * as verify from './verify';
import * as crypto from './crypto';
import * as rules from './rules';
import { renderLetterPdf, type LetterContent } from './pdf';
import { get } from './requests';

type Request = typeof visaRequests.$inferSelect;

export async function issue(tx: Tx, r: Request, now = new Date()) {
	const settings = await settingsOf.get(tx, r.eventId);
	if (!settings) throw new DomainError('visa_settings_missing', { status: 409 });
	const key = await badges.eventKey(tx, r.eventId);
	const seq = await numbering.take(tx, r.eventId);
	const fields: verify.SignedFields = {
		kid: key.kid,
		eventId: r.eventId,
		number: rules.letterNumber(settings.numberPrefix, seq),
		verifyId: verify.newVerifyId(),
		passportName: r.passportName,
		nationality: r.nationality,
		entryDate: r.entryDate,
		exitDate: r.exitDate,
		entries: r.entries,
		// Milliseconds are cut: the signed text and the stored instant must agree on every driver.
		issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000)
	};
	const [letter] = await tx
		.insert(visaLetters)
		.values({ ...fields, requestId: r.id, seq, signature: verify.signFields(key, fields) })
		.returning();
	return letter;
}

export async function revoke(tx: Tx, requestId: string, reason: 'corrected' | 'revoked') {
	await tx.update(visaLetters).set({ revokedAt: new Date(), revokeReason: reason }).where(and(eq(visaLetters.requestId, requestId), isNull(visaLetters.revokedAt)));
}


function regionName(code: string) {
	const zh = new Intl.DisplayNames(['zh-CN'], { type: 'region' }).of(code) ?? code;
	const en = new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
	return `${zh} ${en}`;
}

/** The person's sessions of the edition (booked seats and starred sessions) from the published program. */
async function personalSessions(eventId: string, userId: string) {
	const rel = await published(eventId);
	if (!rel) return [];
	const [booked, starred] = await Promise.all([
		db.select({ id: seatBookings.sessionId }).from(seatBookings).where(and(eq(seatBookings.eventId, eventId), eq(seatBookings.userId, userId), eq(seatBookings.status, 'booked'))),
		db.select({ id: stars.sessionId }).from(stars).where(eq(stars.userId, userId))
	]);
	const ids = new Set([...booked, ...starred].map((r) => r.id));
	return rel.snapshot.sessions.filter((s) => ids.has(s.id) && s.status === 'confirmed' && s.startsAt).map((s) => ({ startsAt: s.startsAt!, endsAt: s.endsAt, title: s.title }));
}

/**
 * The letter of a request as a PDF, for those who may see the request (the person, their partner's
 * representative, organizers), while its letter is current. Passport data is needed to print it:
 * after the purge the letter can still be verified but no longer printed.
 */
export async function pdf(actor: Actor, requestId: string): Promise<{ bytes: Uint8Array; number: string }> {
	requireUser(actor);
	const view = await get(actor, requestId);
	const [row] = await db
		.select({ r: visaRequests, ev: events })
		.from(visaRequests)
		.innerJoin(events, eq(events.id, visaRequests.eventId))
		.where(eq(visaRequests.id, view.id))
		.limit(1);
	const [letter] = await db
		.select()
		.from(visaLetters)
		.where(and(eq(visaLetters.requestId, view.id), isNull(visaLetters.revokedAt)))
		.limit(1);
	if (!letter || view.status !== 'approved') throw new DomainError('not_found');
	const r = row.r;
	if (!r.passportNumberEnc || !r.dateOfBirthEnc) throw new DomainError('visa_data_purged', { status: 410 });
	const settings = await settingsOf.get(db, r.eventId);
	if (!settings) throw new DomainError('visa_settings_missing', { status: 409 });
	const ev = row.ev;
	const passport = crypto.open(r.passportNumberEnc, crypto.context(r.id, 'passport_number'));
	const dob = crypto.open(r.dateOfBirthEnc, crypto.context(r.id, 'date_of_birth'));
	const sessions = await personalSessions(r.eventId, r.userId);
	const days = rules.itinerary(r, ev, sessions, (i) => localDate(new Date(i), ev.timeZone));
	const entries = { zh: t(`visa_entries_${r.entries}`, 'zh-CN'), en: t(`visa_entries_${r.entries}`, 'en') };
	const common = { consulate: r.consulate, entry: r.entryDate, exit: r.exitDate, start: ev.startDate, end: ev.endDate };
	const zh = { ...common, event: ev.name.zh, city: ev.city.zh, host: settings.hostName.zh, entries: entries.zh };
	const en = { ...common, event: ev.name.en, city: ev.city.en, host: settings.hostName.en, entries: entries.en };
	const both = (key: string) => ({ zh: t(key, 'zh-CN', zh), en: t(key, 'en', en) });
	const line = (key: string) => `${t(key, 'zh-CN', zh)} / ${t(key, 'en', en)}`;
	const sexLabel = { zh: t(`visa_sex_${r.sex}`, 'zh-CN'), en: t(`visa_sex_${r.sex}`, 'en') };
	const label = (key: string) => `${t(key, 'zh-CN')} ${t(key, 'en')}`;
	const url = verify.verifyUrl(baseUrl(), letter.verifyId, letter.signature);
	const content: LetterContent = {
		number: `${label('visa_pdf_number')}: ${letter.number}`,
		issuedOn: `${label('visa_pdf_date')}: ${localDate(letter.issuedAt, ev.timeZone)}`,
		title: both('visa_pdf_title'),
		to: both('visa_pdf_to'),
		body: both('visa_pdf_body'),
		facts: [
			{ label: label('visa_f_passport_name'), value: r.passportName },
			{ label: label('visa_f_sex'), value: `${sexLabel.zh} ${sexLabel.en}` },
			{ label: label('visa_f_dob'), value: dob },
			{ label: label('visa_f_nationality'), value: regionName(r.nationality) },
			{ label: label('visa_f_passport_number'), value: passport },
			{ label: label('visa_f_passport_expiry'), value: r.passportExpiry ?? '' },
			{ label: label('visa_f_employer'), value: r.employer },
			{ label: label('visa_f_position'), value: r.position },
			{ label: label('visa_pdf_stay'), value: `${r.entryDate} – ${r.exitDate}` },
			{ label: label('visa_f_entries'), value: `${entries.zh} ${entries.en}` }
		],
		itineraryTitle: label('visa_pdf_itinerary'),
		itinerary: days.map((d) => ({
			date: d.date,
			plan:
				d.kind === 'arrival'
					? line('visa_pdf_arrival')
					: d.kind === 'departure'
						? line('visa_pdf_departure')
						: d.kind === 'stay'
							? line('visa_pdf_stay_day')
							: d.items.length
								? d.items.map((s) => `${localTime(new Date(s.startsAt), ev.timeZone)} ${s.title.zh} / ${s.title.en}`).join('; ')
								: line('visa_pdf_event_day')
		})),
		contactTitle: label('visa_pdf_contact'),
		contact: [
			`${settings.hostName.zh} ${settings.hostName.en}`,
			`${settings.hostAddress.zh} / ${settings.hostAddress.en}`,
			`${settings.contactName} · ${settings.contactPhone} · ${settings.contactEmail}`
		],
		closing: both('visa_pdf_closing'),
		signatory: [`${settings.signatoryName.zh} ${settings.signatoryName.en}`, settings.signatoryTitle.zh, settings.signatoryTitle.en, `${settings.hostName.zh}`],
		verifyText: `${t('visa_pdf_verify', 'zh-CN', { url: verify.verifyUrl(baseUrl(), letter.verifyId) })} ${t('visa_pdf_verify', 'en', { url: verify.verifyUrl(baseUrl(), letter.verifyId) })}`,
		verifyUrl: url,
		hostName: settings.hostName,
		letterhead: await settingsOf.image(settings.letterhead),
		seal: await settingsOf.image(settings.seal)
	};
	return { bytes: await renderLetterPdf(content), number: letter.number };
}
