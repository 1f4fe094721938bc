import type { Actor } from '../auth/access';
import type { MatchSettingsInput } from '$lib/schemas/matchmaking';
import type { SettingsView } from './views';
import { DomainError } from '../errors';

const todo = () => new DomainError('not_implemented', { status: 501 });

/** The edition by slug (an unpublished one is not found, except by organizers). */
export async function eventBySlug(actor: Actor | null, slug: string): Promise<{ id: string; slug: string; timeZone: string; name: { zh: string; en: string } }> {
	void actor; void slug; throw todo();
}
/** Anyone signed in may read the edition's matchmaking settings. */
export async function settings(actor: Actor, eventId: string): Promise<SettingsView> {
	void actor; void eventId; throw todo();
}
/** Organizers. */
export async function updateSettings(actor: Actor, eventId: string, input: MatchSettingsInput): Promise<SettingsView> {
	void actor; void eventId; void input; throw todo();
}
