/**
 * Time zone arithmetic with Intl only (no dependency): instants are UTC `Date`s; local wall times
 * are strings in an IANA zone. Pure functions, tested without a database.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string): Intl.DateTimeFormat {
	let f = partsCache.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		partsCache.set(timeZone, f);
	}
	return f;
}

export function isValidTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** Wall-clock fields of an instant in a zone. */
export function localParts(instant: Date, timeZone: string) {
	const p: Record<string, string> = {};
	for (const { type, value } of fmt(timeZone).formatToParts(instant)) p[type] = value;
	return {
		year: Number(p.year),
		month: Number(p.month),
		day: Number(p.day),
		hour: Number(p.hour),
		minute: Number(p.minute),
		second: Number(p.second)
	};
}

/** Offset of the zone from UTC at that instant, in minutes (Shanghai: +480). */
export function offsetMinutes(instant: Date, timeZone: string): number {
	const l = localParts(instant, timeZone);
	const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock in `timeZone` shows `date` `time` ("2018-07-06", "09:30"). */
export function zonedTime(date: string, time: string, timeZone: string): Date {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	// Two passes settle the offset, also next to a DST change.
	let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60000;
	guess = wall - offsetMinutes(new Date(guess), timeZone) * 60000;
	return new Date(guess);
}

/** The local date ("YYYY-MM-DD") of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
	const l = localParts(instant, timeZone);
	return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** "HH:MM" of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): string {
	const l = localParts(instant, timeZone);
	return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}

/** Add days to a local ISO date. */
export function addDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** A short label for the zone at an instant, e.g. "GMT+8" or "PDT". */
export function zoneLabel(instant: Date, timeZone: string, locale = 'en'): string {
	const part = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', { timeZone, timeZoneName: 'short' })
		.formatToParts(instant)
		.find((p) => p.type === 'timeZoneName');
	return part?.value ?? timeZone;
}

export function formatDateRange(start: string, end: string, locale: string): string {
	const s = new Date(`${start}T12:00:00Z`);
	const e = new Date(`${end}T12:00:00Z`);
	if (locale === 'en') {
		return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).formatRange(s, e);
	}
	// ICU's zh range pattern falls back to numeric dates; write the usual form ourselves.
	const [y1, m1, d1] = start.split('-').map(Number);
	const [y2, m2, d2] = end.split('-').map(Number);
	if (start === end) return `${y1}年${m1}月${d1}日`;
	if (y1 === y2 && m1 === m2) return `${y1}年${m1}月${d1}日至${d2}日`;
	if (y1 === y2) return `${y1}年${m1}月${d1}日至${m2}月${d2}日`;
	return `${y1}年${m1}月${d1}日至${y2}年${m2}月${d2}日`;
}

export function formatDay(date: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
		timeZone: 'UTC',
		weekday: 'short',
		month: 'short',
		day: 'numeric'
	}).format(new Date(`${date}T12:00:00Z`));
}
