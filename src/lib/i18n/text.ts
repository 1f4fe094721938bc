/** Organizer content is stored in both languages; show the viewer's, fall back to the other. */
export interface I18nText {
	zh: string;
	en: string;
}
export type Locale = 'zh-CN' | 'en';

export function pick(text: Partial<I18nText> | null | undefined, locale: Locale | string): string {
	if (!text) return '';
	const primary = locale === 'en' ? text.en : text.zh;
	return (primary && primary.trim()) || text.zh || text.en || '';
}

/** Both languages, for places that show the two scripts side by side (badges, directory). */
export function both(text: Partial<I18nText> | null | undefined): string {
	if (!text) return '';
	if (text.zh && text.en && text.zh !== text.en) return `${text.zh} ${text.en}`;
	return text.zh || text.en || '';
}

export function isLocale(v: unknown): v is Locale {
	return v === 'zh-CN' || v === 'en';
}
