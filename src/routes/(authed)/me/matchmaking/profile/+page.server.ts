import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues, formObject } from '$lib/server/http/forms';
import * as events from '$lib/server/events';
import * as matchmaking from '$lib/server/matchmaking';
import * as schedule from '$lib/server/schedule';
import { z } from 'zod';
import { matchProfileSchema, matchOpeningSchema, type MatchProfileInput } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';
import { error } from '@sveltejs/kit';

const idForm = z.object({ id: z.uuid() });

async function edition() {
	const ev = await events.featured();
	if (!ev) error(404, { message: 'not_found', code: 'not_found' });
	return ev;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'me');
	const ev = await events.featured();
	if (!ev) return { event: null, profile: null, sectors: [], projects: [] };
	const [profile, rel, projects] = await Promise.all([matchmaking.myProfile(actor, ev.id), schedule.published(ev.id), matchmaking.linkableProjects(actor, ev.id)]);
	return { event: { slug: ev.slug, name: ev.name, timeZone: ev.timeZone }, profile, projects, sectors: rel?.snapshot.tracks.map((t) => ({ slug: t.slug, name: t.name })) ?? [] };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, matchProfileSchema, 'save');
		if (!form.ok) return form.failure;
		try {
			const ev = await edition();
			// The verb validates its input itself, so it gets the form as sent (the parsed values turn blanks into nulls it refuses).
			const p = await matchmaking.saveProfile(actor, ev.id, formObject(form.raw) as MatchProfileInput);
			return { form: 'save', ok: t(p.listed ? 'mm_profile_saved_listed' : 'mm_profile_saved_hidden', event.locals.locale) };
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'save');
		}
	},
	opening: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, matchOpeningSchema, 'opening');
		if (!form.ok) return form.failure;
		try {
			const ev = await edition();
			await matchmaking.addOpening(actor, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), 'opening');
		}
		return { form: 'opening', ok: t('mm_opening_saved', event.locals.locale) };
	},
	removeOpening: async (event) => {
		const actor = requirePageArea(event, 'me');
		const form = await readForm(event, idForm, 'removeOpening');
		if (!form.ok) return form.failure;
		try {
			await matchmaking.removeOpening(actor, form.data.id);
		} catch (e) {
			return failFromError(event, e, {}, 'removeOpening');
		}
		return { form: 'removeOpening', ok: t('mm_opening_removed', event.locals.locale) };
	}
};
