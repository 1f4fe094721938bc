/**
 * iCalendar output with ical-generator. Every event carries the TZID of its venue's zone and the
 * calendar embeds a VTIMEZONE for each zone used, so feeds are self-contained. UIDs are `<session id>@<host>` and never change; SEQUENCE counts the
 * releases that changed the session, so calendar apps replace their copy.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { localParts, offsetMinutes, zoneLabel } from '$lib/time';
import type { SessionView } from './view';
import { cache as newCache } from '../cache';

/**
 * VTIMEZONE for a zone over whole years, built from the same Intl/ICU data that turned the
 * organizers' local times into instants. Packaged generators (timezones-ical-library,
 * @touch4it/ical-timezones) ship only each zone's current rule from their own tzdata release: for
 * America/Vancouver that is a single fixed -0700 block, which contradicts this runtime's tzdata
 * (PDT -0700 until 2026-11-01, then PST -0800) and would shift every winter session by an hour.
 * Here every transition in the window is written as its own component, so feed and page agree.
 */
const tzCache = newCache<string>({ max: 200 });
export function vtimezone(tz: string, fromYear: number, toYear: number): string {
	const key = `${tz}|${fromYear}|${toYear}`;
	const hit = tzCache.get(key);
	if (hit) return hit;
	const from = Date.UTC(fromYear, 0, 1);
	const to = Date.UTC(toYear + 1, 0, 1);
	const off = (t: number) => offsetMinutes(new Date(t), tz);
	const transitions: { at: number; before: number; after: number }[] = [];
	const DAY = 86_400_000;
	for (let t = from; t < to; t += DAY) {
		const a = off(t);
		const b = off(t + DAY);
		if (a === b) continue;
		let lo = t;
		let hi = t + DAY;
		while (hi - lo > 60_000) {
			const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
			if (off(mid) === a) lo = mid;
			else hi = mid;
		}
		transitions.push({ at: hi, before: a, after: b });
	}
	const offsets = [off(from), ...transitions.map((x) => x.after)];
	const min = Math.min(...offsets);
	const fmtOff = (m: number) => `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}${String(Math.abs(m) % 60).padStart(2, '0')}`;
	const wall = (t: number, offset: number) => {
		const d = new Date(t + offset * 60_000);
		const p = (n: number) => String(n).padStart(2, '0');
		return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
	};
	const component = (at: number, before: number, after: number) => {
		const type = after > min ? 'DAYLIGHT' : 'STANDARD';
		return [`BEGIN:${type}`, `TZNAME:${zoneLabel(new Date(at), tz)}`, `TZOFFSETFROM:${fmtOff(before)}`, `TZOFFSETTO:${fmtOff(after)}`, `DTSTART:${wall(at, before)}`, `END:${type}`];
	};
	const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`, `X-LIC-LOCATION:${tz}`, ...component(from, off(from), off(from))];
	for (const x of transitions) lines.push(...component(x.at, x.before, x.after));
	lines.push('END:VTIMEZONE');
	const text = lines.join('\r\n');
	tzCache.set(key, text);
	return text;
}

/**
 * ical-generator writes wall-clock fields for Temporal-like zoned values. A plain Date would be read
 * in the server process's own zone, so we hand it a minimal zoned stub computed with Intl.
 */
function zoned(instant: Date, timeZone: string): object {
	const make = (tz: string): Record<string, unknown> => {
		const p = localParts(instant, tz);
		const plain = {
			...p,
			toZonedDateTime: () => make(tz),
			toPlainDate: () => ({ year: p.year, month: p.month, day: p.day }),
			toString: () => instant.toISOString()
		};
		return {
			...p,
			timeZoneId: tz,
			toPlainDateTime: () => plain,
			withTimeZone: (z: string) => make(z),
			toInstant: () => ({ epochMilliseconds: instant.getTime() }),
			toJSON: () => instant.toISOString(),
			toString: () => instant.toISOString()
		};
	};
	return make(timeZone);
}

export interface CalendarInput {
	name: string;
	host: string;
	baseUrl: string;
	eventSlug: string;
	sessions: SessionView[];
	/** When the release was made: DTSTAMP and LAST-MODIFIED, so a feed is the same until the next release. */
	stamp: Date;
	ttlSeconds?: number;
}

export function calendar(input: CalendarInput): string {
	const ys = input.sessions.flatMap((s) => [new Date(s.startsAt).getUTCFullYear(), new Date(s.endsAt).getUTCFullYear()]);
	const years = ys.length ? [Math.min(...ys), Math.max(...ys)] : [input.stamp.getUTCFullYear(), input.stamp.getUTCFullYear()];
	const cal = ical({
		name: input.name,
		prodId: { company: 'Innovation Week', product: 'Program', language: 'EN' },
		method: ICalCalendarMethod.PUBLISH,
		ttl: input.ttlSeconds ?? 3600,
		timezone: { name: null, generator: (tz) => vtimezone(tz, years[0], years[1]) }
	});
	for (const s of input.sessions) {
		const place = [s.room?.name, s.venue?.name, s.venue?.address].filter(Boolean).join(', ');
		const who = s.speakers.map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name)).join(', ');
		const url = `${input.baseUrl}${s.path ?? `/events/${input.eventSlug}/sessions/${s.code}`}`;
		cal.createEvent({
			id: `${s.id}@${input.host}`,
			sequence: s.sequence,
			start: zoned(new Date(s.startsAt), s.venueZone) as Date,
			end: zoned(new Date(s.endsAt), s.venueZone) as Date,
			timezone: s.venueZone,
			stamp: input.stamp,
			lastModified: input.stamp,
			summary: s.title,
			description: [s.abstract, who].filter(Boolean).join('\n\n'),
			location:
				s.venue?.latitude != null && s.venue.longitude != null
					? { title: place, geo: { lat: s.venue.latitude, lon: s.venue.longitude } }
					: place || null,
			url,
			categories: [{ name: s.kind }, ...(s.track ? [{ name: s.track.name }] : [])],
			status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return propertiesFirst(cal.toString());
}

/**
 * RFC 5545 §3.4: `icalbody = calprops component`. ical-generator writes some calendar properties
 * (REFRESH-INTERVAL, X-PUBLISHED-TTL) after the VTIMEZONE components it generates; this moves every
 * top-level property line (with its folded continuation lines) before the first component.
 */
export function propertiesFirst(text: string): string {
	const lines = text.split('\r\n');
	const end = lines.lastIndexOf('END:VCALENDAR');
	if (lines[0] !== 'BEGIN:VCALENDAR' || end < 0) return text;
	const props: string[] = [];
	const components: string[] = [];
	let depth = 0;
	let into = props;
	for (const line of lines.slice(1, end)) {
		if (line.startsWith(' ') || line.startsWith('\t')) {
			into.push(line);
			continue;
		}
		if (line.startsWith('BEGIN:')) depth++;
		into = depth > 0 ? components : props;
		into.push(line);
		if (line.startsWith('END:')) depth--;
	}
	return ['BEGIN:VCALENDAR', ...props, ...components, ...lines.slice(end)].join('\r\n');
}
