import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as events from '$lib/server/events';
import * as partners from '$lib/server/partners';
import { api, actorOf } from '$lib/server/http/api';
import { DomainError } from '$lib/server/errors';

/** A partner's delegation in an edition (`?event=slug`, default the featured one): its representatives and organizers. */
export const GET: RequestHandler = (event) =>
	api(event, async () => {
		const actor = actorOf(event);
		const slug = event.url.searchParams.get('event');
		const ev = slug ? await events.getBySlug(actor, slug) : await events.featured();
		if (!ev) throw new DomainError('not_found');
		const list = await partners.delegates.list(actor, event.params.id, ev.id);
		return json({
			event: ev.slug,
			delegates: list.map((d) => ({ id: d.id, name: d.name, email: d.email, institution: d.institution, country: d.country, field: d.field, degree: d.degree, status: d.stage, invitedAt: d.sentAt, registeredAt: d.acceptedAt, checkedInDay: d.checkedInDay, category: d.category?.slug ?? null }))
		});
	});
