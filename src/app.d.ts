import type { Actor } from '$lib/server/auth/access';
import type { SessionUser } from '$lib/server/auth';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			locale: 'zh-CN' | 'en';
			/** The signed-in person (cookie session) or the owner of a bearer token. */
			user: (Actor & Partial<SessionUser>) | null;
			/** How `user` was authenticated. */
			auth: 'session' | 'bearer' | null;
			sessionToken: string | null;
			/** Scopes of the bearer token, when `auth` is "bearer". */
			scopes: string[];
		}
		interface Error {
			message: string;
			requestId?: string;
			code?: string;
		}
		interface PageData {
			user?: { id: string; name: string; email: string; role: Actor['role'] } | null;
		}
	}
}

export {};
