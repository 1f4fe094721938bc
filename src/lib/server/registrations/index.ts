/**
 * Registrations: register, review (approve, reject, waitlist), cancel, and the waitlist that fills
 * freed places first come, first served.
 *
 * Concurrency: every change that can alter how many places a category holds takes the category's
 * row lock (`SELECT ... FOR UPDATE`) first, then counts, then writes, in one transaction. The lock
 * serialises those changes per category on PostgreSQL across any number of connections and app
 * instances (PGlite has a single connection and serialises anyway). Lock order is always category,
 * then registration, so two verbs never wait on each other in a cycle.
 *
 * Partner invitations (partners domain) insert registrations with `partnerId` directly; they hold
 * places like anyone else, so they count against the capacity here.
 */
export type { Status, Action } from './rules';
export type { Category, Registration } from './places';
export { categoryToApi, listCategories, createCategory, updateCategory, deleteCategory, saveCategoryForm, type CategoryView } from './categories';
export { register, type Registered } from './register';
export { get, toApi, listMine, mineFor } from './reading';
export { transition, approve, reject, cancel, waitlist, bulk, updateAnswers, resendConfirmation, type TransitionResult } from './review';
export { list, exportRows, filterOptions, type ListFilters } from './list';
export { reissueBadge } from './badge-reissue';
