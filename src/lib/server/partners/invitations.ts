/**
 * Opening an invitation link without being signed in: sign up with the invited email (pre-filled,
 * not editable) or log in as that email, then accept, in one step for the person. The account and
 * its session come from the auth domain; the acceptance itself is the partner verb.
 */
import * as auth from '../auth';
import { DomainError } from '../errors';
import type { Actor } from '../auth/access';
import * as delegates from './delegates';
import { acceptRepInvitation, repInvitation } from './organize';

type Kind = 'delegate' | 'representative';
interface Ctx {
	address: string;
	userAgent?: string | null;
	locale: 'zh-CN' | 'en';
}

async function invitedEmail(kind: Kind, token: string): Promise<string> {
	const inv = kind === 'delegate' ? (await delegates.invitation(token))?.delegate : await repInvitation(token);
	if (!inv) throw new DomainError('invalid_token');
	return inv.email;
}

function actorOf(user: { id: string; role: Actor['role']; partnerId: string | null; email: string; name: string; locale: 'zh-CN' | 'en' }): Actor {
	return { id: user.id, role: user.role, partnerId: user.partnerId, email: user.email, name: user.name, locale: user.locale };
}

async function acceptAs(kind: Kind, actor: Actor, token: string) {
	if (kind === 'delegate') await delegates.accept(actor, token);
	else await acceptRepInvitation(actor, token);
}

export async function signUpAndAccept(kind: Kind, token: string, input: { name: string; password: string }, ctx: Ctx) {
	const email = await invitedEmail(kind, token);
	const result = await auth.signUp({ email, name: input.name, password: input.password, nameZh: undefined, organization: undefined, locale: ctx.locale }, ctx);
	await acceptAs(kind, actorOf(result.user), token);
	return result;
}

export async function logInAndAccept(kind: Kind, token: string, password: string, ctx: Ctx) {
	const email = await invitedEmail(kind, token);
	const result = await auth.logIn({ email, password }, ctx);
	// Two-factor accounts log in through /login first (the second factor cannot be skipped here),
	// then accept while signed in.
	if (result.kind === 'challenge') throw new DomainError('log_in_first', { status: 401 });
	await acceptAs(kind, actorOf(result.user), token);
	return result;
}
