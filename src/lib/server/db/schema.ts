/** The schema index: every domain's tables, for drizzle-kit and the typed client. */
export * from '../auth/tables';
export * from '../mail/tables';
export * from '../audit/tables';
export * from '../events/tables';
export * from '../schedule/tables';
export * from '../partners/tables';
export * from '../registrations/tables';
export * from '../badges/tables';
export * from '../checkin/tables';
export * from '../visa/tables';
export * from '../matchmaking/tables';
