/** Mails to the person a visa request is for (and the representative who asked), in their language, in the caller's transaction. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db';
import * as mail from '../mail';
import { t } from '$lib/i18n/errors';
import { pick } from '$lib/i18n/text';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { baseUrl } from '../partners/scope';

export type MailKind = 'submitted' | 'approved' | 'rejected' | 'correction' | 'revoked';

export async function statusMail(ex: Executor, req: { userId: string; requestedBy: string; eventId: string; note: string | null }, kind: MailKind, letterNumber?: string) {
	const [ev] = await ex.select({ name: events.name }).from(events).where(eq(events.id, req.eventId)).limit(1);
	const ids = [...new Set([req.userId, req.requestedBy])];
	for (const id of ids) {
		const [u] = await ex.select({ email: users.email, name: users.name, locale: users.locale, erasedAt: users.erasedAt, role: users.role }).from(users).where(eq(users.id, id)).limit(1);
		if (!u || u.erasedAt) continue;
		const link = `${baseUrl()}${u.role === 'partner' && id !== req.userId ? '/partner/visa' : '/me/visa'}`;
		const params = { name: u.name, event: pick(ev.name, u.locale), note: req.note ?? '', number: letterNumber ?? '', link };
		await mail.enqueue(
			{
				to: u.email,
				kind: `visa.${kind}`,
				locale: u.locale,
				subject: t(`visa_mail_${kind}_subject`, u.locale, params),
				text: `${t(`visa_mail_${kind}_body`, u.locale, params)}\n\n${link}\n\n${t('mail_footer', u.locale)}`
			},
			ex
		);
	}
}
