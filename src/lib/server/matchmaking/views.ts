/**
 * The shapes the face returns (pages and the JSON API use them as they are). Instants are ISO 8601
 * strings in UTC; `timeZone` fields say where to show them. Contact details (`contact`) are present
 * only on the person's own profile and on the other person of an accepted meeting.
 */
import type { I18nText } from '../db/columns';
import type { MatchCaps, MatchIntent, MatchKind } from './tables';

export type { MatchCaps, MatchIntent, MatchKind };
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
export type MeetingStatus = 'unscheduled' | 'scheduled' | 'held' | 'no_show' | 'cancelled';
export type Outcome = 'talks' | 'agreement' | 'company_founded' | 'none';
export type Report = 'held' | 'other_absent' | 'i_was_absent' | 'cancelled';

export interface SettingsView {
	eventId: string;
	scheduling: 'self' | 'organizer';
	requestTtlHours: number;
	caps: MatchCaps;
	walkMinutes: number;
	/** Days after a held meeting when the outcome question is mailed. */
	followUpDays: number;
	schedulePublishedAt: string | null;
}

export interface OpeningView {
	id: string;
	title: I18nText;
	sector: string;
	city: string;
}

export interface ProfileView {
	id: string;
	eventId: string;
	kind: MatchKind;
	/** Latin-script name (users.name) and the Chinese one where given. */
	name: string;
	nameZh: string | null;
	organization: string;
	title: string;
	sectors: string[];
	offers: MatchIntent[];
	seeks: MatchIntent[];
	pitch: I18nText;
	languages: string[];
	/** URL of the photo, or null. */
	photo: string | null;
	timeZone: string | null;
	listed: boolean;
	openings: OpeningView[];
	projects: { id: string; title: I18nText }[];
	/** Only for oneself and after an accepted meeting. */
	contact?: { email: string; phone: string | null };
}

export interface DirectoryPage {
	items: ProfileView[];
	total: number;
	page: number;
	pageSize: number;
}

/** A reason in words: a message key (`match_reason_<key>`) and its parameters, for both languages. */
export interface Reason {
	key: 'offer_meets_seek' | 'seek_meets_offer' | 'sectors' | 'language' | 'opening' | 'project';
	params: Record<string, string | number>;
}

export interface Recommendation {
	profile: ProfileView;
	score: number;
	reasons: Reason[];
}

export interface RequestView {
	id: string;
	status: RequestStatus;
	/** From the viewer's side: they sent it, they received it, or (organizers, partner reps) they brokered it. */
	direction: 'outgoing' | 'incoming' | 'brokered';
	from: ProfileView;
	to: ProfileView;
	message: string;
	opening: OpeningView | null;
	project: { id: string; title: I18nText } | null;
	brokered: boolean;
	fromAccepted: boolean;
	toAccepted: boolean;
	/** The viewer may still accept (or decline) it. */
	awaitingMe: boolean;
	expiresAt: string;
	decidedAt: string | null;
	createdAt: string;
	meetingId: string | null;
}

export interface SlotView {
	id: string;
	sessionId: string;
	position: number;
	roomId: string;
	roomName: I18nText;
	startsAt: string;
	endsAt: string;
}

export interface MeetingView {
	id: string;
	eventId: string;
	requestId: string;
	status: MeetingStatus;
	/** The viewer's side ('a' requested, 'b' was asked); null for organizers. */
	side: 'a' | 'b' | null;
	a: ProfileView;
	b: ProfileView;
	/** The other person for a participant (with contact details), `b` for an organizer. */
	other: ProfileView;
	slot: SlotView | null;
	table: { id: string; number: number; fixed: boolean } | null;
	room: { id: string; name: I18nText } | null;
	remote: boolean;
	videoUrl: string | null;
	startsAt: string | null;
	endsAt: string | null;
	/** The event's zone, and each side's own (remote meetings show both). */
	timeZone: string;
	zones: { a: string; b: string };
	locked: boolean;
	sequence: number;
	heldAt: string | null;
	noShowSide: 'a' | 'b' | 'both' | null;
	reports: { a: Report | null; b: Report | null };
	myRating: { stars: number; followUp: boolean } | null;
	myOutcome: Outcome | null;
	outcomeAsked: boolean;
}

export interface RespondResult {
	request: RequestView;
	meeting: MeetingView | null;
	/** `slot_taken`: the chosen slot was no longer free for both (or no table was left); the meeting is accepted unscheduled. */
	warning: 'slot_taken' | null;
}

export interface SlotOption extends SlotView {
	/** Both people are free and a table is left. */
	free: boolean;
	/** Why not: 'ended' | 'a_busy' | 'b_busy' | 'unavailable' | 'no_table'. */
	reason: string | null;
}

export interface SessionConfigView {
	sessionId: string;
	code: string;
	title: I18nText;
	roomId: string | null;
	roomName: I18nText | null;
	startsAt: string | null;
	endsAt: string | null;
	configured: boolean;
	slotMinutes: number | null;
	gapMinutes: number | null;
	tableCount: number | null;
	slots: SlotView[];
	tables: { id: string; number: number; fixedProfileId: string | null; fixedName: string | null }[];
}

export interface ScheduleRunView {
	id: string;
	solver: string;
	placed: number;
	unplaced: number;
	bound: number;
	optimal: boolean;
	idleGaps: number;
	ms: number;
	published: boolean;
	createdAt: string;
	unplacedMeetings: { meetingId: string; reason: 'no_common_slot' | 'no_table' | 'conflict' }[];
}

export interface FigureRow {
	key: string;
	requested: number;
	accepted: number;
	scheduled: number;
	held: number;
	noShow: number;
}

export interface Figures {
	total: FigureRow;
	bySector: FigureRow[];
	byKind: FigureRow[];
	byPartner: (FigureRow & { name: I18nText | null })[];
	profiles: { listed: number; total: number };
	ratings: { count: number; average: number | null; followUps: number };
	outcomes: Record<Outcome, number>;
	requestsByStatus: Record<RequestStatus, number>;
}

export interface HeldResult {
	result: 'held' | 'already_held';
	meeting: MeetingView;
}
