import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, instant } from '../db/columns';
import { partners } from '../partners/tables';

export const roleEnum = pgEnum('role', ['attendee', 'partner', 'staff', 'organizer', 'admin']);
export const localeEnum = pgEnum('locale', ['zh-CN', 'en']);

export const users = pgTable(
	'users',
	{
		id: id(),
		/** Stored lower-cased; unique. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		/** The name in Chinese script, where given (badges print both). */
		nameZh: text('name_zh'),
		organization: text('organization'),
		passwordHash: text('password_hash'),
		role: roleEnum('role').notNull().default('attendee'),
		/** Set for partner representatives: the one partner organisation they belong to. */
		partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'set null' }),
		locale: localeEnum('locale').notNull().default('zh-CN'),
		disabledAt: instant('disabled_at'),
		/** TOTP key (base64), set while enrolling; enabled once confirmed with a code. */
		totpKey: text('totp_key'),
		totpEnabledAt: instant('totp_enabled_at'),
		/** The last accepted TOTP time step: a code is never accepted twice. */
		totpLastCounter: integer('totp_last_counter'),
		/** Set when the account is deleted by its owner: personal data is erased, the row stays for statistics. */
		erasedAt: instant('erased_at'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('users_email_key').on(t.email), index('users_partner_idx').on(t.partnerId)]
);

/**
 * Sessions as in the Lucia guide: the browser holds `<id>.<secret>`; the table keeps the id and the
 * SHA-256 of the secret, so a leaked table does not give working cookies.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		/** SHA-256 (hex) of the token's secret part, compared in constant time. */
		secretHash: text('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Inactivity deadline; slides forward while the session is used. */
		expiresAt: instant('expires_at').notNull(),
		/** Absolute lifetime; never moves. */
		absoluteExpiresAt: instant('absolute_expires_at').notNull(),
		userAgent: text('user_agent'),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const passwordResets = pgTable(
	'password_resets',
	{
		/** SHA-256 of the emailed token. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: instant('expires_at').notNull(),
		usedAt: instant('used_at'),
		createdAt: createdAt()
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);

/** Bearer tokens for `/api/v1`: random, stored hashed, scoped, expiring, revocable. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** SHA-256 hex of the token. */
		tokenHash: text('token_hash').notNull(),
		scopes: text('scopes')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		expiresAt: instant('expires_at'),
		lastUsedAt: instant('last_used_at'),
		revokedAt: instant('revoked_at'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)]
);

/** Fixed-window counters shared by every app instance (login and sign-up limits). */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	resetAt: instant('reset_at').notNull()
});

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	secret: boolean('secret').notNull().default(false)
});

/** Single-use recovery codes for two-factor login, stored hashed. */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: instant('used_at'),
		createdAt: createdAt()
	},
	(t) => [index('recovery_codes_user_idx').on(t.userId)]
);

/**
 * The half-way state of a two-factor login: the password was right, the second factor is due.
 * The browser holds the token in a short-lived cookie; the row keeps its SHA-256.
 */
export const loginChallenges = pgTable('login_challenges', {
	id: text('id').primaryKey(),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	expiresAt: instant('expires_at').notNull(),
	attempts: integer('attempts').notNull().default(0),
	createdAt: createdAt()
});
