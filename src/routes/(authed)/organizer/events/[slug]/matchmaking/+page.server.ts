import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { z } from 'zod';
import { requirePageArea } from '$lib/server/http/guard';
import { readForm, failFromError, formValues } from '$lib/server/http/forms';
import * as matchmaking from '$lib/server/matchmaking';
import { orHttp } from '$lib/server/schedule/kit';
import { matchBrokerSchema, matchSessionSchema, matchSettingsSchema, MATCH_KINDS } from '$lib/schemas/matchmaking';
import { t } from '$lib/i18n/errors';

/** Caps arrive as `cap_<kind>_open` / `cap_<kind>_meetings`; an empty pair means no cap for that kind. */
const settingsForm = z.preprocess((o) => {
	const v = o as Record<string, unknown>;
	const caps: Record<string, unknown> = {};
	for (const k of MATCH_KINDS) if (v[`cap_${k}_open`] || v[`cap_${k}_meetings`]) caps[k] = { openRequests: v[`cap_${k}_open`] || 1000, meetings: v[`cap_${k}_meetings`] || 1000 };
	return { ...v, caps };
}, matchSettingsSchema);

/** Fixed tables arrive as repeated `fixedNumber` / `fixedProfile` pairs; blank rows are dropped. */
const sessionForm = z.preprocess((o) => {
	const v = o as Record<string, unknown>;
	const nums = ([] as unknown[]).concat(v.fixedNumber ?? []);
	const profiles = ([] as unknown[]).concat(v.fixedProfile ?? []);
	return { ...v, fixed: nums.map((n, i) => ({ number: n, profileId: profiles[i] })).filter((f) => f.number !== '' && f.profileId) };
}, matchSessionSchema.extend({ sessionId: z.uuid() }));

export const load: PageServerLoad = async (event) => {
	const actor = requirePageArea(event, 'organizer');
	const ev = await orHttp(matchmaking.eventBySlug(actor, event.params.slug));
	const q = event.url.searchParams.get('q') ?? '';
	const [settings, sessions, people, brokered] = await Promise.all([
		matchmaking.settings(actor, ev.id),
		matchmaking.sessions(actor, ev.id),
		matchmaking.directory(actor, ev.id, { q }),
		matchmaking.brokeredRequests(actor, ev.id)
	]);
	return { event: ev, settings, sessions, people: people.items.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh, organization: p.organization, kind: p.kind })), peopleTotal: people.total, q, brokered };
};

function action<S extends z.ZodType>(name: string, schema: S, run: (actor: App.Locals['user'] & object, eventId: string, data: z.infer<S>) => Promise<unknown>, ok: string) {
	return async (event: RequestEvent) => {
		const actor = requirePageArea(event, 'organizer');
		const ev = await orHttp(matchmaking.eventBySlug(actor, event.params.slug));
		const form = await readForm(event, schema, name);
		if (!form.ok) return form.failure;
		try {
			await run(actor, ev.id, form.data);
		} catch (e) {
			return failFromError(event, e, formValues(form.raw), name);
		}
		return { form: name, ok: t(ok, event.locals.locale) };
	};
}

export const actions: Actions = {
	settings: action('settings', settingsForm, (a, id, d) => matchmaking.updateSettings(a, id, d), 'mm_org_settings_saved'),
	session: action('session', sessionForm, (a, _id, d) => matchmaking.configureSession(a, d.sessionId, d), 'mm_org_session_saved'),
	broker: action('broker', matchBrokerSchema, (a, id, d) => matchmaking.broker(a, id, d), 'mm_broker_sent')
};
