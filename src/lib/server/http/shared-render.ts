/**
 * The signed-in program and session pages are rendered once for everyone of one role (the layout
 * shows links by role) and served from memory with the viewer's own parts laid over them
 * (`page-cache.ts`). While such a shared page renders, `locals.user` is this stand-in: the viewer's
 * role, no id, name or address, so nothing personal can end up in a page someone else is served.
 */
import type { RequestEvent } from '@sveltejs/kit';

export const SHARED_VIEWER_ID = '00000000-0000-4000-8000-000000000000';

/** Whether this render is the shared page of a role (no stars, no seats of anyone). */
export function isSharedRender(locals: Pick<App.Locals, 'user'>): boolean {
	return locals.user?.id === SHARED_VIEWER_ID;
}

/** Stands the viewer in for the shared render of their role (and returns the real one). */
export function standIn(event: Pick<RequestEvent, 'locals'>): NonNullable<App.Locals['user']> {
	const real = event.locals.user!;
	event.locals.user = { id: SHARED_VIEWER_ID, role: real.role, name: '', email: '', partnerId: null } as NonNullable<App.Locals['user']>;
	return real;
}
