/**
 * The program in the frab schedule format read by Giggity, ConfClerk, EventFahrplan and the
 * c3voc tools: schedule.xml (schedule/version/conference/day/room/event) and the JSON wrapper
 * `{"schedule": {"version", "base_url", "conference": {..., "days": [{..., "rooms": {name: [events]}}]}}}`.
 * Times are wall times in the event's zone (the format has one `time_zone_name`); each event's `date`
 * is a full ISO 8601 instant with offset, so venues abroad stay exact.
 */
import type { ProgramSnapshot } from './snapshot';
import { pick, type Locale } from '$lib/i18n/text';
import { localDate, localTime, offsetMinutes, zonedTime, addDays } from '$lib/time';

export interface FrabEvent {
	guid: string;
	id: number;
	logo: string | null;
	date: string;
	start: string;
	duration: string;
	room: string;
	slug: string;
	url: string;
	title: string;
	subtitle: string;
	track: string;
	type: string;
	language: string;
	abstract: string;
	description: string;
	recording_license: string;
	do_not_record: boolean;
	persons: { id: number; guid: string; code: string; name: string; public_name: string; biography: string | null }[];
	links: { url: string; title: string }[];
	attachments: { url: string; title: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoWithOffset(instant: Date, tz: string): string {
	const o = offsetMinutes(instant, tz);
	const sign = o < 0 ? '-' : '+';
	return `${localDate(instant, tz)}T${localTime(instant, tz)}:00${sign}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`;
}
function duration(ms: number): string {
	const min = Math.round(ms / 60000);
	return `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;
}
/** frab ids are integers: a stable number from the session code's digits, else its position. */
function numericId(code: string, fallback: number): number {
	const digits = code.replace(/\D/g, '');
	return digits ? Number(digits.slice(-9)) : fallback;
}
/** A deterministic UUID-shaped guid from an id (already a UUID for sessions and speakers). */
const guid = (id: string) => id;

export function buildFrab(snapshot: ProgramSnapshot, opts: { baseUrl: string; version: string; locale: Locale }) {
	const { event } = snapshot;
	const tz = event.timeZone;
	const lang = opts.locale === 'en' ? 'en' : 'zh';
	const rooms = new Map(snapshot.rooms.map((r) => [r.id, r]));
	const tracks = new Map(snapshot.tracks.map((t) => [t.id, t]));
	const speakers = new Map(snapshot.speakers.map((p) => [p.id, p]));
	const speakerNum = new Map(snapshot.speakers.map((p, i) => [p.id, i + 1]));
	const days: string[] = [];
	for (let d = event.startDate; d <= event.endDate; d = addDays(d, 1)) days.push(d);
	const sessions = snapshot.sessions.filter((s) => s.status !== 'cancelled' && s.startsAt && s.endsAt);
	// Sessions abroad may fall outside the event's local days: give them their own day.
	for (const s of sessions) {
		const d = localDate(new Date(s.startsAt!), tz);
		if (!days.includes(d)) days.push(d);
	}
	days.sort();
	const roomName = (id: string | null) => (id && rooms.get(id) ? pick(rooms.get(id)!.name, opts.locale) : '—');
	const toEvent = (s: (typeof sessions)[number], i: number): FrabEvent => {
		const start = new Date(s.startsAt!);
		const end = new Date(s.endsAt!);
		const track = s.trackId ? tracks.get(s.trackId) : undefined;
		return {
			guid: guid(s.id),
			id: numericId(s.code, i + 1),
			logo: null,
			date: isoWithOffset(start, tz),
			start: localTime(start, tz),
			duration: duration(end.getTime() - start.getTime()),
			room: roomName(s.roomId),
			slug: `${event.slug}-${s.code.toLowerCase()}`,
			url: `${opts.baseUrl}/events/${event.slug}/sessions/${s.code}`,
			title: pick(s.title, opts.locale),
			subtitle: '',
			track: track ? pick(track.name, opts.locale) : '',
			type: s.kind,
			language: lang,
			abstract: pick(s.abstract, opts.locale),
			description: pick(s.abstract, opts.locale),
			recording_license: '',
			do_not_record: true,
			persons: s.speakerIds
				.map((id) => speakers.get(id))
				.filter((p) => !!p)
				.map((p) => ({ id: speakerNum.get(p.id)!, guid: guid(p.id), code: p.slug, name: pick(p.name, opts.locale), public_name: pick(p.name, opts.locale), biography: p.bio ? pick(p.bio, opts.locale) : null })),
			links: [],
			attachments: []
		};
	};
	const roomOrder = snapshot.rooms.map((r) => pick(r.name, opts.locale));
	const dayList = days.map((date, idx) => {
		const inDay = sessions.map((s, i) => ({ s, i })).filter(({ s }) => localDate(new Date(s.startsAt!), tz) === date);
		const byRoom: Record<string, FrabEvent[]> = {};
		for (const name of roomOrder) byRoom[name] = [];
		for (const { s, i } of inDay) (byRoom[roomName(s.roomId)] ??= []).push(toEvent(s, i));
		for (const k of Object.keys(byRoom)) if (!byRoom[k].length) delete byRoom[k];
		const start = zonedTime(date, '00:00', tz);
		const end = zonedTime(addDays(date, 1), '00:00', tz);
		return { index: idx + 1, date, day_start: isoWithOffset(start, tz), day_end: isoWithOffset(new Date(end.getTime() - 60_000), tz), rooms: byRoom };
	});
	return {
		version: opts.version,
		base_url: `${opts.baseUrl}/events/${event.slug}/`,
		conference: {
			acronym: acronym(event.slug),
			title: pick(event.name, opts.locale),
			start: event.startDate,
			end: event.endDate,
			daysCount: dayList.length,
			timeslot_duration: '00:15',
			time_zone_name: tz,
			url: `${opts.baseUrl}/events/${event.slug}`,
			rooms: snapshot.rooms.map((r) => ({ name: pick(r.name, opts.locale), guid: guid(r.id) })),
			tracks: snapshot.tracks.map((t) => ({ name: pick(t.name, opts.locale), slug: t.slug, color: t.color })),
			days: dayList
		}
	};
}

/**
 * The frab acronym of an event slug: the official JSON schema wants `^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`
 * and the XSD `[a-z0-9_-]{4,}`, so `haichuang-2018` becomes `haichuang_2018`.
 */
export function acronym(slug: string): string {
	const a = slug.toLowerCase().replace(/[^a-z0-9_]/g, '_');
	return a.length >= 4 ? a : a.padEnd(4, '_');
}

export function frabJson(snapshot: ProgramSnapshot, opts: { baseUrl: string; version: string; locale: Locale }): string {
	return JSON.stringify({ $schema: 'https://c3voc.de/schedule/schema.json', generator: { name: 'haichuang-week' }, schedule: buildFrab(snapshot, opts) });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const el = (name: string, value: string | number | boolean | null) => (value === null || value === '' ? `<${name}/>` : `<${name}>${esc(String(value))}</${name}>`);

export function frabXml(snapshot: ProgramSnapshot, opts: { baseUrl: string; version: string; locale: Locale }): string {
	const f = buildFrab(snapshot, opts);
	const c = f.conference;
	const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<schedule>', '<generator name="haichuang-week"/>', el('version', f.version), '<conference>'];
	out.push(el('acronym', c.acronym), el('title', c.title), el('start', c.start), el('end', c.end), el('days', c.daysCount), el('timeslot_duration', c.timeslot_duration), el('base_url', f.base_url), el('time_zone_name', c.time_zone_name), el('url', c.url));
	out.push('</conference>');
	for (const d of c.days) {
		out.push(`<day index="${d.index}" date="${d.date}" start="${d.day_start}" end="${d.day_end}">`);
		for (const [room, events] of Object.entries(d.rooms)) {
			const r = c.rooms.find((x) => x.name === room);
			out.push(`<room name="${esc(room)}"${r ? ` guid="${r.guid}"` : ''}>`);
			for (const e of events) {
				out.push(`<event guid="${e.guid}" id="${e.id}">`);
				out.push(el('date', e.date), el('start', e.start), el('duration', e.duration), el('room', e.room), el('slug', e.slug), el('url', e.url));
				out.push('<recording>', el('license', e.recording_license), el('optout', e.do_not_record), '</recording>');
				out.push(el('title', e.title), el('subtitle', e.subtitle), el('track', e.track), el('type', e.type), el('language', e.language), el('abstract', e.abstract), el('description', e.description), el('logo', e.logo));
				out.push('<persons>', ...e.persons.map((p) => `<person id="${p.id}" guid="${p.guid}">${esc(p.public_name)}</person>`), '</persons>');
				out.push('<links/>', '<attachments/>', '</event>');
			}
			out.push('</room>');
		}
		out.push('</day>');
	}
	out.push('</schedule>');
	return out.join('\n') + '\n';
}
