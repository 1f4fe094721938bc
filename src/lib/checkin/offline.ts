/**
 * The scanner's offline logic, free of UI state: merging incremental syncs and deciding a scan on
 * the phone with the same rules the server applies (`./rules`).
 */
import { decide, admissionScope, isOn, type Admission, type CheckpointRules } from './rules';
import { verify } from './verify';
import type { ScanAnswer } from './types';

export interface I18n {
	zh: string;
	en: string;
}
export interface SyncCheckpoint {
	id: string;
	name: I18n;
	kind: string;
	roomId: string | null;
	venueId: string | null;
	rules: CheckpointRules;
}
export interface RosterEntry {
	publicId: string;
	name: string;
	nameZh: string | null;
	organization: string | null;
	categoryId: string;
	status: 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'cancelled';
	version: number | null;
}
export interface LocalAdmission {
	publicId: string;
	checkpointId: string;
	at: string;
	direction: 'entry' | 'exit';
	scanId?: string;
}
export interface SyncData {
	serverTime: string;
	event: { id: string; slug: string; name: I18n; timeZone: string };
	key: { kid: string; publicKey: string };
	checkpoints: SyncCheckpoint[];
	sessions: { id: string; roomId: string | null; startsAt: string | null; endsAt: string | null; requiresBooking: boolean }[];
	categories: { id: string; name: I18n; color: string }[];
	roster: Record<string, RosterEntry>;
	revoked: string[];
	admissions: LocalAdmission[];
}
export interface SyncResponse extends Omit<SyncData, 'roster' | 'revoked'> {
	full: boolean;
	roster: RosterEntry[];
	revocations: { publicId: string; version: number }[];
	outcomes: ScanAnswer[];
}
export interface DeviceInfo {
	token: string;
	deviceId: string;
	name: string;
	eventSlug: string;
	checkpointIds: string[];
}

export const nowIso = () => new Date().toISOString();

/** Applies an incremental sync answer to what the phone holds (`prev` null: a full sync). */
export function mergeSync(prev: SyncData | null, r: SyncResponse): SyncData {
	const roster = { ...(prev?.roster ?? {}) };
	for (const p of r.roster) roster[p.publicId] = p;
	const revoked = new Set(prev?.revoked ?? []);
	for (const x of r.revocations) revoked.add(`${x.publicId}:${x.version}`);
	const seen = new Set((prev?.admissions ?? []).map((a) => `${a.publicId}|${a.checkpointId}|${a.at}`));
	const admissions = [...(prev?.admissions ?? [])];
	for (const a of r.admissions) {
		const at = new Date(a.at).toISOString();
		if (!seen.has(`${a.publicId}|${a.checkpointId}|${at}`)) admissions.push({ ...a, at });
	}
	const data: SyncData = {
		serverTime: r.serverTime,
		event: r.event,
		key: r.key,
		checkpoints: r.checkpoints,
		sessions: r.sessions,
		categories: r.categories,
		roster,
		revoked: [...revoked],
		admissions
	};
	return data;
}

/** The offline answer: signature, revocation, roster and this phone's memory of admissions. */
export async function decideOffline(d: SyncData | null, body: { code: string; checkpointId: string; scanId: string; scannedAt: string }): Promise<ScanAnswer> {
	const cp = d?.checkpoints.find((c) => c.id === body.checkpointId);
	const base = { scanId: body.scanId, checkpointId: body.checkpointId, scannedAt: body.scannedAt, direction: cp?.rules.direction ?? 'entry' } as const;
	if (!d || !cp) return { ...base, result: 'rejected', reason: 'unknown_code' };
	const at = new Date(body.scannedAt);
	const v = await verify(body.code, d.key);
	const entry = v.ok ? d.roster[v.parsed.publicId] : undefined;
	const sessions = cp.roomId ? d.sessions.filter((s) => s.roomId === cp.roomId && s.startsAt && s.endsAt) : [];
	const on = sessions.map((s) => ({ id: s.id, startsAt: new Date(s.startsAt!), endsAt: new Date(s.endsAt!), requiresBooking: s.requiresBooking })).find((s) => isOn(s, at)) ?? null;
	const scope = admissionScope(cp.rules, on);
	const mine = entry ? d.admissions.filter((a) => a.publicId === entry.publicId) : [];
	const admissions: Admission[] = mine
		.filter((a) => a.direction === 'entry' && a.checkpointId === cp.id && (!scope || new Date(a.at) >= scope))
		.map((a) => ({ at: new Date(a.at), scanId: a.scanId ?? '', checkpointId: a.checkpointId, deviceId: null }))
		.sort((a, b) => a.at.getTime() - b.at.getTime());
	const exits = mine.filter((a) => a.direction === 'exit').map((a) => new Date(a.at).getTime());
	const decision = decide({
		at,
		rules: cp.rules,
		code: v.ok ? 'ok' : v.reason,
		registration:
			v.ok && entry
				? { eventMatches: true, status: entry.status, categoryId: entry.categoryId, badgeRevoked: d.revoked.includes(`${entry.publicId}:${v.parsed.version}`) || entry.version !== v.parsed.version }
				: null,
		session: on,
		// Seat bookings are not on the phone: the server checks the seat when the scan is uploaded.
		hasSeat: true,
		admissions,
		lastExitAt: exits.length ? new Date(Math.max(...exits)) : null
	});
	const answer: ScanAnswer = { ...base, result: decision.result };
	if (decision.result === 'rejected') answer.reason = decision.reason;
	if (decision.genuine && entry) {
		const cat = d.categories.find((c) => c.id === entry.categoryId);
		answer.attendee = { publicId: entry.publicId, name: entry.name, nameZh: entry.nameZh, organization: entry.organization, category: { id: entry.categoryId, name: cat?.name ?? { zh: '', en: '' }, color: cat?.color ?? '#555' } };
	}
	if (decision.result === 'already_admitted') {
		answer.firstAdmission = { at: decision.first.at.toISOString(), checkpointId: decision.first.checkpointId, checkpointName: cp.name, deviceId: null, deviceName: null };
	}
	return answer;
}
