/** Pure rules of the partners domain: no I/O, tested without a database. */

/** Invitations (representatives and delegates) are valid this long. */
export const INVITATION_TTL_MS = 14 * 86400_000;
export const LOGO_MAX_BYTES = 512 * 1024;
export const DECK_MAX_BYTES = 15 * 1024 * 1024;

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The image type by its first bytes (never by the name or the browser's claim); null if none of ours. */
export function sniffLogo(bytes: Uint8Array): LogoType | null {
	if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (
		bytes.length >= 12 &&
		String.fromCharCode(...bytes.slice(0, 4)) === 'RIFF' &&
		String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP'
	)
		return 'image/webp';
	return null;
}

export const LOGO_EXT: Record<LogoType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export function isPdf(bytes: Uint8Array): boolean {
	return bytes.length >= 5 && String.fromCharCode(...bytes.slice(0, 5)) === '%PDF-';
}

/** Upload check: `null` when fine, else the error code. */
export function checkUpload(kind: 'logo' | 'deck', bytes: Uint8Array): 'upload_too_large' | 'upload_wrong_type' | 'upload_empty' | null {
	if (bytes.length === 0) return 'upload_empty';
	if (bytes.length > (kind === 'logo' ? LOGO_MAX_BYTES : DECK_MAX_BYTES)) return 'upload_too_large';
	if (kind === 'logo' ? !sniffLogo(bytes) : !isPdf(bytes)) return 'upload_wrong_type';
	return null;
}

/** Places left of a quota; which nominations hold a place is decided in SQL (delegates.holdsPlace). */
export function quotaLeft(quota: number, held: number): number {
	return Math.max(0, quota - held);
}

/** The delegate's progress as the portal shows it, from the furthest fact known. */
export type DelegateStage = 'invited' | 'expired' | 'withdrawn' | 'registered' | 'approved' | 'badge_issued' | 'checked_in' | 'rejected' | 'cancelled';

export function delegateStage(d: {
	status: 'invited' | 'accepted' | 'withdrawn';
	expiresAt: Date;
	registrationStatus: string | null;
	badgeIssued: boolean;
	checkedInDay: string | null;
	now?: Date;
}): DelegateStage {
	if (d.status === 'withdrawn') return 'withdrawn';
	if (d.status === 'invited') return d.expiresAt.getTime() <= (d.now ?? new Date()).getTime() ? 'expired' : 'invited';
	if (d.registrationStatus === 'rejected') return 'rejected';
	if (d.registrationStatus === 'cancelled') return 'cancelled';
	if (d.checkedInDay) return 'checked_in';
	if (d.badgeIssued) return 'badge_issued';
	if (d.registrationStatus === 'approved') return 'approved';
	return 'registered';
}

/** A pitch slot must lie wholly inside its session. */
export function slotInside(session: { startsAt: Date | null; endsAt: Date | null }, start: Date, minutes: number): boolean {
	if (!session.startsAt || !session.endsAt) return false;
	const end = start.getTime() + minutes * 60_000;
	return start.getTime() >= session.startsAt.getTime() && end <= session.endsAt.getTime();
}

/** Two pitch slots in one session may not overlap. */
export function overlaps(a: { start: Date; minutes: number }, b: { start: Date; minutes: number }): boolean {
	const ae = a.start.getTime() + a.minutes * 60_000;
	const be = b.start.getTime() + b.minutes * 60_000;
	return a.start.getTime() < be && b.start.getTime() < ae;
}

/** Cells that a spreadsheet would run as a formula are prefixed so an export cannot execute (CSV injection). */
export function csvCell(v: unknown): string {
	let s = v === null || v === undefined ? '' : String(v);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
	return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
