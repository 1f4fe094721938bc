/** Localized labels for session kinds (the enum of schedule/tables.ts). */
import { m } from '$lib/paraglide/messages.js';

const KIND: Record<string, () => string> = {
	opening: m.sched_kind_opening,
	keynote: m.sched_kind_keynote,
	forum: m.sched_kind_forum,
	roadshow: m.sched_kind_roadshow,
	prematching: m.sched_kind_prematching,
	site_visit: m.sched_kind_site_visit,
	networking: m.sched_kind_networking,
	recruiting: m.sched_kind_recruiting,
	break: m.sched_kind_break
};

export function kindLabel(kind: string): string {
	return KIND[kind]?.() ?? kind;
}

export const KINDS = Object.keys(KIND);

const CHANGE: Record<string, () => string> = {
	new: m.sched_change_new,
	moved: m.sched_change_moved,
	cancelled: m.sched_change_cancelled,
	room_changed: m.sched_change_room_changed,
	removed: m.sched_change_removed,
	updated: m.sched_change_updated
};

export function changeLabel(kind: string): string {
	return CHANGE[kind]?.() ?? kind;
}
