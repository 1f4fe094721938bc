import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePageArea } from '$lib/server/http/guard';
import * as schedule from '$lib/server/schedule';
import { importCsv } from '$lib/server/schedule/csv';
import { orHttp } from '$lib/server/schedule/kit';
import { t } from '$lib/i18n/errors';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const user = requirePageArea(event, 'organizer');
	const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
	return { event: { slug: ev.slug, name: ev.name } };
};

export const actions: Actions = {
	import: async (event) => {
		const user = requirePageArea(event, 'organizer');
		const ev = await orHttp(schedule.editor.eventBySlug(user, event.params.slug));
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: t('sched_csv_no_file', event.locals.locale), errors: [] });
		if (file.size > MAX_BYTES) return fail(413, { message: t('sched_csv_too_big', event.locals.locale), errors: [] });
		const out = await importCsv(user, ev.id, await file.text(), event.locals.locale);
		if (!out.ok) return fail(400, { message: t('sched_csv_rejected', event.locals.locale, { count: out.errors.length }), errors: out.errors });
		return { created: out.created, updated: out.updated };
	}
};
