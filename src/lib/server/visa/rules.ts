/**
 * Pure rules of visa letters: the request's state machine, the checks that need the edition's dates,
 * the letter number, masking for people who may not see passport data, and the itinerary.
 */
import { COUNTRY_CODES } from '../registrations/countries';
import type { VISA_STATUSES } from '$lib/schemas/visa';

export type Status = (typeof VISA_STATUSES)[number];
export type Action = 'approve' | 'reject' | 'correct' | 'resubmit' | 'revoke' | 'withdraw';

/**
 * submitted → approved (a letter is issued) | rejected (final, with a reason) | correction (with a note)
 * correction → submitted (the requester fixed it) | rejected | withdrawn
 * approved → correction (the letter is revoked; the next approval issues a new number) | revoked (final)
 */
const TRANSITIONS: Record<Action, { from: readonly Status[]; to: Status; by: 'organizer' | 'requester' }> = {
	approve: { from: ['submitted'], to: 'approved', by: 'organizer' },
	reject: { from: ['submitted', 'correction'], to: 'rejected', by: 'organizer' },
	correct: { from: ['submitted', 'approved'], to: 'correction', by: 'organizer' },
	revoke: { from: ['approved'], to: 'revoked', by: 'organizer' },
	resubmit: { from: ['correction'], to: 'submitted', by: 'requester' },
	withdraw: { from: ['submitted', 'correction'], to: 'withdrawn', by: 'requester' }
};

export function next(status: Status, action: Action): Status | null {
	const t = TRANSITIONS[action];
	return t.from.includes(status) ? t.to : null;
}

export function actor(action: Action): 'organizer' | 'requester' {
	return TRANSITIONS[action].by;
}

/** What an organizer may do from a status (the queue's buttons). */
export function organizerActions(status: Status): Action[] {
	return (Object.keys(TRANSITIONS) as Action[]).filter((a) => TRANSITIONS[a].by === 'organizer' && next(status, a));
}

/** The requester may edit while the request waits or was sent back. */
export const editable = (status: Status) => status === 'submitted' || status === 'correction';

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** How far before the first day one may arrive, and after the last day stay, for the letter to cover. */
export const WINDOW_DAYS = 30;

/**
 * Checks that need the edition: the stay covers at least one day of the week and lies within
 * WINDOW_DAYS of it, and the nationality is a known region (and not China itself: citizens need no visa).
 * Returns field → message keys.
 */
export function checkAgainstEvent(
	v: { nationality: string; entryDate: string; exitDate: string },
	event: { startDate: string; endDate: string }
): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	if (!COUNTRY_CODES.has(v.nationality) || v.nationality === 'CN') errors.nationality = ['v_visa_nationality'];
	if (v.entryDate > event.endDate) errors.entryDate = ['v_visa_entry_after_event'];
	else if (v.entryDate < addDays(event.startDate, -WINDOW_DAYS)) errors.entryDate = ['v_visa_entry_too_early'];
	if (v.exitDate < event.startDate) errors.exitDate = ['v_visa_exit_before_event'];
	else if (v.exitDate > addDays(event.endDate, WINDOW_DAYS)) errors.exitDate = ['v_visa_exit_too_late'];
	return errors;
}

/** `HCZ2018-0007`: the edition's prefix and the gapless sequence number. */
export function letterNumber(prefix: string, seq: number): string {
	return `${prefix}-${String(seq).padStart(4, '0')}`;
}

/** `AVERY ATTENDEE` → `AV*** AT******`: enough for a consulate to match, not enough to read out. */
export function maskName(name: string): string {
	return name
		.split(' ')
		.map((w) => (w.length <= 2 ? w[0] + '*'.repeat(w.length - 1) : w.slice(0, 2) + '*'.repeat(w.length - 2)))
		.join(' ');
}

/** `E12345678` → `******678`. */
export function maskPassport(n: string | null): string | null {
	if (!n) return null;
	return '*'.repeat(Math.max(0, n.length - 3)) + n.slice(-3);
}

/** `1985-04-12` → `1985-**-**`. */
export function maskDate(d: string | null): string | null {
	return d ? `${d.slice(0, 4)}-**-**` : null;
}

export interface ItineraryItem {
	startsAt: string;
	endsAt: string | null;
	title: { zh: string; en: string };
}
export type ItineraryDay = { date: string; kind: 'arrival' | 'event' | 'departure' | 'stay'; items: ItineraryItem[] };

/**
 * The day-by-day itinerary: every day from entry to exit; the edition's days carry the person's
 * sessions (booked or starred), in order. `localDay` turns an instant into the venue's date.
 */
export function itinerary(
	stay: { entryDate: string; exitDate: string },
	event: { startDate: string; endDate: string },
	sessions: ItineraryItem[],
	localDay: (instant: string) => string
): ItineraryDay[] {
	const days: ItineraryDay[] = [];
	for (let d = stay.entryDate; d <= stay.exitDate && days.length < 120; d = addDays(d, 1)) {
		const inEvent = d >= event.startDate && d <= event.endDate;
		const kind = inEvent ? 'event' : d === stay.entryDate ? 'arrival' : d === stay.exitDate ? 'departure' : 'stay';
		const items = inEvent ? sessions.filter((s) => localDay(s.startsAt) === d).sort((a, b) => a.startsAt.localeCompare(b.startsAt)) : [];
		days.push({ date: d, kind, items });
	}
	return days;
}
