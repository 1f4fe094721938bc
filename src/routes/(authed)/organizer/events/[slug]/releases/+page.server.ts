import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import { failFromError, formValues } from '$lib/server/http/forms';
import { fail } from '@sveltejs/kit';
import * as schedule from '$lib/server/schedule';
import { orHttp } from '$lib/server/schedule/kit';
import { releaseInput } from '$lib/schemas/schedule';
import { localizeIssues, t } from '$lib/i18n/errors';

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	const [d, changes, list] = await Promise.all([schedule.editor.draft(user, ev.id), schedule.editor.preview(user, ev.id), schedule.editor.releaseList(user, ev.id)]);
	return { event: { slug: ev.slug, name: ev.name }, conflicts: d.conflicts, changes, releases: list, titles: Object.fromEntries(d.sessions.map((s) => [s.code, s.title])) };
};

export const actions: Actions = {
	release: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const raw = await event.request.formData();
		const values = formValues(raw);
		const overrides: Record<string, string> = {};
		for (const [k, v] of raw.entries()) if (k.startsWith('override.') && typeof v === 'string' && v.trim()) overrides[k.slice(9)] = v;
		const parsed = releaseInput.safeParse({ name: raw.get('name'), note: raw.get('note') ?? '', overrides });
		if (!parsed.success) return fail(400, { values, errors: localizeIssues(parsed.error, event.locals.locale), message: t('form_has_errors', event.locals.locale) });
		try {
			const rel = await schedule.editor.release(user, ev.id, parsed.data);
			return { released: rel.version };
		} catch (e) {
			return failFromError(event, e, values);
		}
	}
};
