/** Mails about a registration, written in the person's language inside the caller's transaction. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import { pick } from '$lib/i18n/text';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { categories, registrations } from './tables';
import type { Status } from './rules';
import type { I18nText } from '../db/columns';

export function baseUrl() {
	return (process.env.PUBLIC_BASE_URL ?? process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** kind: the new status, or `promoted` when the waitlist gave the place, or `resent`. */
export async function statusMail(ex: Executor, registrationId: string, status: Status, opts: { promoted?: boolean } = {}) {
	const [row] = await ex
		.select({ email: users.email, name: users.name, locale: users.locale, erasedAt: users.erasedAt, eventName: events.name, categoryName: categories.name })
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(categories, eq(categories.id, registrations.categoryId))
		.where(eq(registrations.id, registrationId))
		.limit(1);
	// An erased account has no address left to write to.
	if (!row || row.erasedAt) return;
	await mail.enqueue(renderStatusMail(row, row.eventName, row.categoryName, status, opts), ex);
}

/** The status mail itself, rendered without the database (the registration path writes it in its own statement). */
export function renderStatusMail(
	person: { email: string; name: string; locale: mail.Locale },
	eventName: I18nText,
	categoryName: I18nText,
	status: Status,
	opts: { promoted?: boolean } = {}
): mail.MailInput {
	const locale = person.locale;
	const params = { name: person.name, event: pick(eventName, locale), category: pick(categoryName, locale), link: `${baseUrl()}/me` };
	const key = opts.promoted ? 'promoted' : status;
	return {
		to: person.email,
		kind: `registration.${key}`,
		locale,
		subject: t(`reg_mail_${key}_subject`, locale, params),
		text: `${t(`reg_mail_${key}_body`, locale, params)}\n\n${t('mail_footer', locale)}`
	};
}

export async function seatMail(ex: Executor, userId: string, kind: 'booked' | 'promoted', session: { title: { zh: string; en: string }; eventSlug: string; code: string }) {
	const [u] = await ex.select({ email: users.email, name: users.name, locale: users.locale, erasedAt: users.erasedAt }).from(users).where(eq(users.id, userId)).limit(1);
	if (!u || u.erasedAt) return;
	const params = { name: u.name, session: pick(session.title, u.locale), link: `${baseUrl()}/events/${session.eventSlug}/sessions/${session.code}` };
	await mail.enqueue(
		{
			to: u.email,
			kind: `seat.${kind}`,
			locale: u.locale,
			subject: t(`reg_mail_seat_${kind}_subject`, u.locale, params),
			text: `${t(`reg_mail_seat_${kind}_body`, u.locale, params)}\n\n${t('mail_footer', u.locale)}`
		},
		ex
	);
}
