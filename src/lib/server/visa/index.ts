/**
 * Visa invitation letters (issue 16): requests by attendees and by partner representatives for
 * their delegates, the organizers' queue, numbered and signed bilingual letters, public
 * verification, passport data encrypted at rest and purged after the edition. Routes import this
 * face as a namespace (`import * as visa from '$lib/server/visa'`).
 */
export { create, update, withdraw, decide, get, list, delegates, eligibility, mine, mayReadPassport, type RequestView } from './requests';
export { pdf } from './letters';
export { check as verify, type Verification, type Verdict } from './verify';
export * as settings from './settings';
export { approvedCsv } from './export';
export { purgeDue, startPurge, stopPurge, purgeDays } from './purge';
export { keySource } from './crypto';
export * as rules from './rules';

import { keySource } from './crypto';
import { log } from '../log';
import { startPurge } from './purge';

/** Start-up: the purge, or a clear message when the feature cannot run for lack of a key. */
export function start(env: NodeJS.ProcessEnv = process.env) {
	if (!keySource(env)) log.warn({ msg: 'visa letters disabled: DATABASE_URL is set but VISA_DATA_KEY is not (base64 of 32 bytes, e.g. openssl rand -base64 32); see docs/OPERATIONS.md' });
	// The purge needs no key: it only erases.
	startPurge();
}
