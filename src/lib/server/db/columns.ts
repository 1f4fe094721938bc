/** Column helpers shared by every domain's tables. */
import { jsonb, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Organizer-written content, stored in both languages; read it with `pick()` from `$lib/i18n/text`. */
export interface I18nText {
	zh: string;
	en: string;
}

export const i18nText = (name: string) => jsonb(name).$type<I18nText>();
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const instant = (name: string) => timestamp(name, { withTimezone: true });
