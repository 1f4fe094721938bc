/** Times for people abroad: their own zone first, the event's beside it. */
import { formatDay, localDate, localTime, zoneLabel } from '$lib/time';

export function zoned(instant: Date, zone: string, locale: string): string {
	return `${formatDay(localDate(instant, zone), locale)} ${localTime(instant, zone)} ${zoneLabel(instant, zone, locale)}`;
}

export function dual(instant: Date | null | undefined, own: string, eventZone: string, locale: string): string {
	if (!instant) return '';
	const a = zoned(instant, own, locale);
	if (own === eventZone) return a;
	return `${a} (${zoned(instant, eventZone, locale)})`;
}
