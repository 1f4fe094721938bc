/** Matchmaking mails, in each person's language, written to the outbox in the caller's transaction. */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import { pick } from '$lib/i18n/text';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { baseUrl } from '../partners/scope';
import { matchProfiles } from './tables';

export type MailKind = 'request' | 'accepted' | 'brokered' | 'outcome';

async function people(ex: Executor, profileIds: string[]) {
	const rows = await ex
		.select({ id: matchProfiles.id, userId: users.id, email: users.email, name: users.name, nameZh: users.nameZh, locale: users.locale, erasedAt: users.erasedAt, eventId: matchProfiles.eventId })
		.from(matchProfiles)
		.innerJoin(users, eq(users.id, matchProfiles.userId))
		.where(inArray(matchProfiles.id, profileIds));
	return new Map(rows.map((r) => [r.id, r]));
}

export function displayName(p: { name: string; nameZh: string | null }, locale: string) {
	return locale === 'zh-CN' && p.nameZh ? p.nameZh : p.name;
}

/** One mail to `toProfile` about `aboutProfile` (the other person). */
export async function notify(ex: Executor, kind: MailKind, toProfile: string, aboutProfile: string, extra: { message?: string } = {}) {
	const map = await people(ex, [toProfile, aboutProfile]);
	const to = map.get(toProfile);
	const about = map.get(aboutProfile);
	if (!to || !about || to.erasedAt) return;
	const [ev] = await ex.select({ name: events.name, slug: events.slug }).from(events).where(eq(events.id, to.eventId)).limit(1);
	const link = `${baseUrl()}/me/matchmaking${kind === 'outcome' ? '/meetings' : ''}`;
	const params = { name: displayName(to, to.locale), other: displayName(about, to.locale), event: pick(ev.name, to.locale), message: extra.message ?? '', link };
	await mail.enqueue(
		{
			to: to.email,
			kind: `match.${kind}`,
			locale: to.locale,
			subject: t(`match_mail_${kind}_subject`, to.locale, params),
			text: `${t(`match_mail_${kind}_body`, to.locale, params)}${extra.message ? `\n\n“${extra.message}”` : ''}\n\n${link}\n\n${t('mail_footer', to.locale)}`
		},
		ex
	);
}

/** The published schedule: one mail per person listing their meetings (lines already worded). */
export async function scheduleMail(ex: Executor, eventId: string, perProfile: Map<string, { line: (locale: 'zh-CN' | 'en') => string }[]>): Promise<number> {
	if (!perProfile.size) return 0;
	const map = await people(ex, [...perProfile.keys()]);
	const [ev] = await ex.select({ name: events.name }).from(events).where(eq(events.id, eventId)).limit(1);
	const link = `${baseUrl()}/me/matchmaking/meetings`;
	let n = 0;
	for (const [profileId, items] of perProfile) {
		const p = map.get(profileId);
		if (!p || p.erasedAt) continue;
		const params = { name: displayName(p, p.locale), event: pick(ev.name, p.locale), count: items.length, link };
		const lines = items.map((i) => `• ${i.line(p.locale)}`).join('\n');
		await mail.enqueue(
			{
				to: p.email,
				kind: 'match.schedule',
				locale: p.locale,
				subject: t('match_mail_schedule_subject', p.locale, params),
				text: `${t('match_mail_schedule_body', p.locale, params)}\n\n${lines}\n\n${link}\n\n${t('mail_footer', p.locale)}`
			},
			ex
		);
		n++;
	}
	return n;
}
