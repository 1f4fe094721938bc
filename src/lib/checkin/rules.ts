/**
 * The check-in decision as a pure function of facts the caller loaded: the server in one transaction
 * with the registration row locked, the scanner page from its IndexedDB copy when offline. No I/O
 * here, so every rule is tested without a database, and both sides decide alike.
 *
 * Order of checks: the code itself (format, key, signature), then the registration's state
 * (cancelled, revoked badge, not approved), then the checkpoint's rules (time window, category,
 * seat), then earlier admissions (already admitted, re-entry after an exit).
 */
/** A checkpoint's rules (stored as jsonb on `checkpoints`). */
export interface CheckpointRules {
	/** Category ids; empty means every category. */
	allowedCategories: string[];
	/** Only people holding a booked seat of the session on (room checkpoints). */
	seatRequired: boolean;
	/** Instants (ISO 8601) between which the checkpoint admits; null means always. */
	window: { from: string | null; to: string | null } | null;
	direction: 'entry' | 'exit';
	/** Entering again after an exit is allowed. */
	reentryAllowed: boolean;
	/** Room checkpoints: apply the rules of whichever session is on in the room at the scan time. */
	followRoomSchedule: boolean;
}

export type Reason =
	| 'unknown_code'
	| 'invalid_signature'
	| 'revoked'
	| 'cancelled'
	| 'not_approved'
	| 'wrong_event'
	| 'category_not_allowed'
	| 'no_seat'
	| 'outside_hours';

export const REASONS: readonly Reason[] = [
	'unknown_code',
	'invalid_signature',
	'revoked',
	'cancelled',
	'not_approved',
	'wrong_event',
	'category_not_allowed',
	'no_seat',
	'outside_hours'
];

/** A room checkpoint following the schedule opens this long before a session starts. */
export const ROOM_GRACE_MS = 15 * 60_000;

export interface SessionFacts {
	id: string;
	startsAt: Date;
	endsAt: Date;
	requiresBooking: boolean;
}

export interface Admission {
	at: Date;
	scanId: string;
	checkpointId: string;
	deviceId: string | null;
}

export interface Facts {
	/** When the badge was scanned (device clock). */
	at: Date;
	rules: CheckpointRules;
	/** Result of signature verification against the checkpoint's event key. */
	code: 'ok' | 'unknown_code' | 'invalid_signature' | 'wrong_event';
	/** Null when no registration carries the code's public id. */
	registration: {
		eventMatches: boolean;
		status: 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'cancelled';
		categoryId: string;
		/** The scanned code's version is revoked, or is not the current one. */
		badgeRevoked: boolean;
	} | null;
	/** The session on in the room at `at` (only looked up when the checkpoint follows the schedule). */
	session: SessionFacts | null;
	/** Whether the person holds a booked seat for `session` (only needed when a seat is required). */
	hasSeat: boolean;
	/** Admissions (entries) of this registration at this checkpoint within `admissionScope()`, earliest first. */
	admissions: Admission[];
	/** The latest exit of this registration from the event, if any. */
	lastExitAt: Date | null;
	/**
	 * The scan was made offline and is uploaded late. Only such a scan may take over an admission
	 * recorded before it: online scans are decided in the order the server takes them, whatever
	 * their clocks say, so two devices at the door are never both told "admitted".
	 */
	offline?: boolean;
}

export type Decision =
	| { result: 'rejected'; reason: Reason; genuine: boolean }
	| { result: 'already_admitted'; first: Admission; genuine: true }
	| { result: 'admitted'; genuine: true; supersedes?: Admission };

/** The rules in force at `at`: a room following its schedule takes the session's. */
export function effectiveRules(rules: CheckpointRules, session: SessionFacts | null): CheckpointRules & { closed: boolean } {
	if (!rules.followRoomSchedule) return { ...rules, closed: false };
	if (!session) return { ...rules, closed: true };
	return {
		...rules,
		seatRequired: rules.seatRequired || session.requiresBooking,
		window: { from: new Date(session.startsAt.getTime() - ROOM_GRACE_MS).toISOString(), to: session.endsAt.toISOString() },
		closed: false
	};
}

/** Earlier admissions count from this instant on (null: all of them). */
export function admissionScope(rules: CheckpointRules, session: SessionFacts | null): Date | null {
	if (rules.followRoomSchedule && session) return new Date(session.startsAt.getTime() - ROOM_GRACE_MS);
	return null;
}

/** Is a room's session on at `at` (including the grace before it starts)? */
export function isOn(session: Pick<SessionFacts, 'startsAt' | 'endsAt'>, at: Date): boolean {
	return session.startsAt.getTime() - ROOM_GRACE_MS <= at.getTime() && at.getTime() < session.endsAt.getTime();
}

export function decide(f: Facts): Decision {
	if (f.code !== 'ok') return { result: 'rejected', reason: f.code, genuine: false };
	const reg = f.registration;
	if (!reg) return { result: 'rejected', reason: 'unknown_code', genuine: false };
	if (!reg.eventMatches) return { result: 'rejected', reason: 'wrong_event', genuine: false };
	if (reg.status === 'cancelled') return { result: 'rejected', reason: 'cancelled', genuine: true };
	if (reg.badgeRevoked) return { result: 'rejected', reason: 'revoked', genuine: true };
	if (reg.status !== 'approved') return { result: 'rejected', reason: 'not_approved', genuine: true };

	// Leaving is always recorded: nobody is kept in for the wrong category.
	if (f.rules.direction === 'exit') return { result: 'admitted', genuine: true };

	const rules = effectiveRules(f.rules, f.session);
	if (rules.closed) return { result: 'rejected', reason: 'outside_hours', genuine: true };
	if (rules.window) {
		const t = f.at.getTime();
		if ((rules.window.from && t < Date.parse(rules.window.from)) || (rules.window.to && t >= Date.parse(rules.window.to))) {
			return { result: 'rejected', reason: 'outside_hours', genuine: true };
		}
	}
	if (rules.allowedCategories.length && !rules.allowedCategories.includes(reg.categoryId)) {
		return { result: 'rejected', reason: 'category_not_allowed', genuine: true };
	}
	if (rules.seatRequired && !f.hasSeat) return { result: 'rejected', reason: 'no_seat', genuine: true };

	if (f.admissions.length) {
		const first = f.admissions[0];
		const last = f.admissions[f.admissions.length - 1];
		// Offline scans arrive late: the earliest scan admits, so an earlier offline one takes over.
		if (f.offline && f.at.getTime() < first.at.getTime()) return { result: 'admitted', genuine: true, supersedes: first };
		const exitedSince = f.lastExitAt && f.lastExitAt.getTime() > last.at.getTime() && f.lastExitAt.getTime() <= f.at.getTime();
		if (!(rules.reentryAllowed && exitedSince)) return { result: 'already_admitted', first, genuine: true };
	}
	return { result: 'admitted', genuine: true };
}
