import type { Actor } from '../auth/access';
import type { MatchDirectoryQuery, MatchOpeningInput, MatchProfileInput } from '$lib/schemas/matchmaking';
import type { DirectoryPage, OpeningView, ProfileView } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** The actor's own profile in the edition (with contact), or null before they opted in. */
export async function myProfile(actor: Actor, eventId: string): Promise<ProfileView | null> {
	void actor; void eventId; throw todo();
}
/** Creates or updates the actor's profile; needs a live registration (`not_registered`). `listed` opts in or out. */
export async function saveProfile(actor: Actor, eventId: string, input: MatchProfileInput): Promise<ProfileView> {
	void actor; void eventId; void input; throw todo();
}
export async function addOpening(actor: Actor, eventId: string, input: MatchOpeningInput): Promise<OpeningView> {
	void actor; void eventId; void input; throw todo();
}
export async function removeOpening(actor: Actor, openingId: string): Promise<void> {
	void actor; void openingId; throw todo();
}
/** One profile: listed ones for participants of the edition, any for organizers; contact only with an accepted meeting. */
export async function profile(actor: Actor, profileId: string): Promise<ProfileView> {
	void actor; void profileId; throw todo();
}
/** Listed profiles (never the actor's own), 24 a page, without contact details. */
export async function directory(actor: Actor, eventId: string, query: Partial<MatchDirectoryQuery> = {}): Promise<DirectoryPage> {
	void actor; void eventId; void query; throw todo();
}
