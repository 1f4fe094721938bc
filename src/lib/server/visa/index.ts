/**
 * Visa invitation letters (issue 16): requests by attendees and by partner representatives for
 * their delegates, the organizers' queue, numbered and signed bilingual letters, public
 * verification, passport data encrypted at rest and purged after the edition. Routes import this
 * face as a namespace (`import * as visa from '$lib/server/visa'`).
 */
export { create, update, withdraw, decide, get, list, delegates, eligibility, mine, aboutMe, mayReadPassport, type RequestView } from './requests';
export { pdf } from './letters';
export { check as verify, type Verification, type Verdict } from './verify';
export * as settings from './settings';
export { approvedCsv } from './export';
export { purgeDue, startPurge, stopPurge, purgeDays, eraseForUser } from './purge';
export { keySource } from './crypto';
export * as rules from './rules';
import type * as rules from './rules';

import { keySource } from './crypto';
import { log } from '../log';
import { startPurge } from './purge';

/** Start-up: the purge, or a clear message when the feature cannot run for lack of a key. */
export function start(env: NodeJS.ProcessEnv = process.env) {
	if (!keySource(env)) log.warn({ msg: 'visa letters disabled: DATABASE_URL is set but VISA_DATA_KEY is not (base64 of 32 bytes, e.g. openssl rand -base64 32); see docs/OPERATIONS.md' });
	// The purge needs no key: it only erases.
	startPurge();
}

import * as eventsDomain from '../events';
import type { Actor } from '../auth/access';
import type { VisaRequestInput, VisaSettingsInput } from '$lib/schemas/visa';
import { requireArea } from '../auth/access';
import { db } from '../db';
import * as settingsTopic from './settings';
import * as requests from './requests';
import { approvedCsv as csv } from './export';

/** The verbs by edition slug, for routes (an unpublished edition is not found, except by organizers). */
export const bySlug = {
	async event(actor: Actor | null, slug: string) {
		return eventsDomain.getBySlug(actor, slug);
	},
	async list(actor: Actor, slug: string, filter: { status?: rules.Status } = {}) {
		return requests.list(actor, (await eventsDomain.getBySlug(actor, slug)).id, filter);
	},
	async create(actor: Actor, slug: string, body: VisaRequestInput) {
		return requests.create(actor, (await eventsDomain.getBySlug(actor, slug)).id, body);
	},
	async csv(actor: Actor, slug: string) {
		return csv(actor, (await eventsDomain.getBySlug(actor, slug)).id);
	},
	/** Organizers: the edition's letter settings as the form shows them, and whether images are there. */
	async settings(actor: Actor, slug: string) {
		requireArea(actor, 'organizer');
		const s = await settingsTopic.get(db, (await eventsDomain.getBySlug(actor, slug)).id);
		if (!s) return null;
		return {
			values: {
				hostNameZh: s.hostName.zh,
				hostNameEn: s.hostName.en,
				hostAddressZh: s.hostAddress.zh,
				hostAddressEn: s.hostAddress.en,
				contactName: s.contactName,
				contactPhone: s.contactPhone,
				contactEmail: s.contactEmail,
				signatoryNameZh: s.signatoryName.zh,
				signatoryNameEn: s.signatoryName.en,
				signatoryTitleZh: s.signatoryTitle.zh,
				signatoryTitleEn: s.signatoryTitle.en,
				numberPrefix: s.numberPrefix,
				purgeAfterDays: s.purgeAfterDays === null ? '' : String(s.purgeAfterDays)
			},
			hasLetterhead: !!s.letterhead,
			hasSeal: !!s.seal
		};
	},
	async saveSettings(actor: Actor, slug: string, input: VisaSettingsInput) {
		requireArea(actor, 'organizer');
		return settingsTopic.save(actor, (await eventsDomain.getBySlug(actor, slug)).id, input);
	},
	async setImage(actor: Actor, slug: string, which: 'letterhead' | 'seal', bytes: Uint8Array) {
		requireArea(actor, 'organizer');
		return settingsTopic.setImage(actor, (await eventsDomain.getBySlug(actor, slug)).id, which, bytes);
	}
};
