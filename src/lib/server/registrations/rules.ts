/**
 * Pure registration rules: the state machine, capacity, the registration window and answer
 * validation. No I/O here; the verbs in index.ts apply these inside their locked transaction.
 */
import type { Question } from './tables';
import { COUNTRY_CODES } from './countries';

export type Status = 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'cancelled';
export type Action = 'approve' | 'reject' | 'cancel' | 'waitlist';

/** Holding a place: these count against a category's capacity. */
export const CONFIRMED: readonly Status[] = ['pending', 'approved'];
export const isConfirmed = (s: Status) => s === 'pending' || s === 'approved';

const TARGET: Record<Action, Status> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled', waitlist: 'waitlisted' };

/** Which state each action may start from. Cancelled is final: a person who cancelled registers anew only by an organizer's decision to approve. */
const FROM: Record<Action, readonly Status[]> = {
	approve: ['pending', 'waitlisted', 'rejected'],
	reject: ['pending', 'waitlisted', 'approved'],
	cancel: ['pending', 'waitlisted', 'approved'],
	waitlist: ['pending', 'approved', 'rejected']
};

export function targetOf(action: Action): Status {
	return TARGET[action];
}

export function canApply(action: Action, from: Status): boolean {
	return FROM[action].includes(from);
}

/** Does moving from `from` to `to` need a free place (it starts holding one)? */
export function needsPlace(from: Status, to: Status): boolean {
	return !isConfirmed(from) && isConfirmed(to);
}

/** Does the move free a place that the waitlist may take? */
export function freesPlace(from: Status, to: Status): boolean {
	return isConfirmed(from) && !isConfirmed(to);
}

// ---------------------------------------------------------------- capacity
//
// The one home of the place rule: a category never holds more places (pending + approved) than its
// capacity; no capacity (null) means no limit; a person given a place starts `placedStatus`.
// Review (`review.ts`), the waitlist (`places.ts` promote) and the category view apply these
// functions. One caller cannot: `register_batch` (drizzle/0002_register_batch.sql) places a whole
// batch of new registrations in one SQL statement, so it repeats `hasRoom` for the k-th person as
// `v_capacity IS NULL OR v_placed + k <= v_capacity` and takes `placedStatus` as its `p_room`
// argument from register.ts. Keeping that half in SQL is what lets one statement count and insert
// for 64 people under the category lock; tests/server/registrations/capacity.test.ts holds both
// halves to the same answers.

/** Is there a place for `extra` more people beside `confirmed` (the k-th of a batch: extra = k)? */
export function hasRoom(capacity: number | null, confirmed: number, extra = 1): boolean {
	return capacity === null || confirmed + extra <= capacity;
}

/** Free places, or null when the category has no limit. */
export function remaining(capacity: number | null, confirmed: number): number | null {
	return capacity === null ? null : Math.max(0, capacity - confirmed);
}

/** The state a person given a place starts in (registered with room, or promoted from the waitlist): review still applies. */
export function placedStatus(c: { requiresApproval: boolean }): Status {
	return c.requiresApproval ? 'pending' : 'approved';
}

export type WindowState = 'open' | 'not_open' | 'closed';
export function windowState(c: { opensAt: Date | null; closesAt: Date | null }, now: Date): WindowState {
	if (c.opensAt && now < c.opensAt) return 'not_open';
	if (c.closesAt && now >= c.closesAt) return 'closed';
	return 'open';
}

export type AnswerErrors = Record<string, string[]>;
export type Answers = Record<string, string | string[] | boolean | null>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YES = new Set(['yes', 'true', 'on', '1']);
const NO = new Set(['no', 'false', 'off', '0']);

function blank(v: unknown): boolean {
	return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function validDate(s: string): boolean {
	if (!DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks answers against a category's questions. Returns clean values (only known keys, normalised:
 * yes/no as booleans, multiple choice as arrays, countries upper-cased) or error codes per question
 * key (message keys; `failFromError` localizes them beside each field).
 */
export function validateAnswers(questions: Question[], input: Record<string, unknown>): { ok: true; values: Answers } | { ok: false; errors: AnswerErrors } {
	const values: Answers = {};
	const errors: AnswerErrors = {};
	for (const q of questions) {
		const raw = input[q.key];
		if (blank(raw)) {
			if (q.required) errors[q.key] = ['v_required'];
			else values[q.key] = q.type === 'multiple' ? [] : q.type === 'yesno' ? null : '';
			continue;
		}
		const options = new Set((q.options ?? []).map((o) => o.value));
		switch (q.type) {
			case 'text': {
				const s = typeof raw === 'string' ? raw.trim() : null;
				if (s === null) errors[q.key] = ['v_invalid'];
				else if (s.length > 2000) errors[q.key] = ['v_too_long'];
				else if (!s && q.required) errors[q.key] = ['v_required'];
				else values[q.key] = s;
				break;
			}
			case 'single': {
				if (typeof raw !== 'string' || !options.has(raw)) errors[q.key] = ['v_choice'];
				else values[q.key] = raw;
				break;
			}
			case 'multiple': {
				const list = Array.isArray(raw) ? raw : [raw];
				if (!list.every((v) => typeof v === 'string' && options.has(v))) errors[q.key] = ['v_choice'];
				else values[q.key] = [...new Set(list as string[])];
				break;
			}
			case 'country': {
				const c = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
				if (!COUNTRY_CODES.has(c)) errors[q.key] = ['reg_v_country'];
				else values[q.key] = c;
				break;
			}
			case 'date': {
				if (typeof raw !== 'string' || !validDate(raw.trim())) errors[q.key] = ['reg_v_date'];
				else values[q.key] = raw.trim();
				break;
			}
			case 'yesno': {
				const s = typeof raw === 'boolean' ? String(raw) : typeof raw === 'string' ? raw.toLowerCase() : '';
				if (YES.has(s)) values[q.key] = true;
				else if (NO.has(s)) values[q.key] = false;
				else errors[q.key] = ['v_choice'];
				break;
			}
		}
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

/** Denormalised columns the organizer list filters on: the first country and field answers. */
export function derivedColumns(questions: Question[], values: Answers): { country: string | null; field: string | null } {
	const country = questions.find((q) => q.type === 'country');
	const field = questions.find((q) => q.key === 'field');
	const c = country ? values[country.key] : null;
	const f = field ? values[field.key] : null;
	return { country: typeof c === 'string' && c ? c : null, field: typeof f === 'string' && f ? f : Array.isArray(f) && f.length ? f[0] : null };
}

/** Two time ranges overlap when each starts before the other ends (touching ends do not overlap). */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
	return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
