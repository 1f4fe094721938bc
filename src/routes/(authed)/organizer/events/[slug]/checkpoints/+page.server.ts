import type { Actions, PageServerLoad } from './$types';
import QRCode from 'qrcode';
import { z } from 'zod';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as checkin from '$lib/server/checkin';
import { checkpointFormSchema, deviceFormSchema } from '$lib/schemas/checkin';
import { t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	return checkin.setup(actor, event.params.slug);
};

const idForm = z.object({ id: z.uuid() });

export const actions: Actions = {
	create: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, checkpointFormSchema, 'create');
		if (!form.ok) return form.failure;
		try {
			const ev = await checkin.eventBySlug(actor, event.params.slug);
			await checkin.createCheckpoint(actor, ev.id, checkin.fromForm(form.data, ev.timeZone));
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'create');
		}
		return { form: 'create', ok: t('chk_created', event.locals.locale) };
	},
	archive: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, idForm, 'archive');
		if (!form.ok) return form.failure;
		const ev = await checkin.eventBySlug(actor, event.params.slug);
		await checkin.archiveCheckpoint(actor, ev.id, form.data.id);
		return { form: 'archive', ok: t('chk_archived', event.locals.locale) };
	},
	pair: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, deviceFormSchema, 'pair');
		if (!form.ok) return form.failure;
		try {
			const ev = await checkin.eventBySlug(actor, event.params.slug);
			const { pairingCode, expiresAt } = await checkin.createDevice(actor, ev.id, form.data);
			// The code travels in the fragment, which browsers never send to a server or a log.
			const url = `${event.url.origin}/scan/pair#${pairingCode}`;
			const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
			return { form: 'pair', pairing: { url, qr, expiresAt: expiresAt.toISOString() } };
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'pair');
		}
	},
	revoke: async (event) => {
		const actor = requirePageArea(event, 'organizer');
		const form = await readForm(event, idForm, 'revoke');
		if (!form.ok) return form.failure;
		const ev = await checkin.eventBySlug(actor, event.params.slug);
		await checkin.revokeDevice(actor, ev.id, form.data.id);
		return { form: 'revoke', ok: t('chk_revoked_ok', event.locals.locale) };
	}
};
