/**
 * Once per `npm test`: build a migrated template database that each test file starts from — with
 * DATABASE_URL a template database each file clones (CREATE DATABASE ... TEMPLATE is fast), on PGlite
 * a migrated data directory (copied for each app server) and its tarball (loaded by each in-memory
 * database), so no file pays for PGlite's initdb and the migrations again; and build the production
 * app when a test file needs a real server (HTTP tests), only if the sources changed.
 */
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openDatabase } from '../src/lib/server/db';
import { runMigrations } from '../src/lib/server/db/migrate';
import { withDatabase } from './helpers/pg-url';
import { ensureBuild } from '../scripts/ensure-build.js';
import { execFileSync } from 'node:child_process';
import { makePgliteTemplate } from './helpers/pglite-template';

export const TEMPLATE = `hw_template_${process.pid}`;

export default async function setup(project: TestProject) {
	// The paraglide Vite plugin is off under Vitest (its watcher keeps the process alive): compile the
	// messages here, in a child process (the compiler leaves handles open).
	execFileSync('npm', ['run', '--silent', 'i18n'], { stdio: 'ignore' });
	// HTTP tests run the real production server; build it once here, never from parallel test files
	// (a rebuild under a running server would pull its files away).
	ensureBuild({ quiet: true });
	const url = process.env.DATABASE_URL;
	if (!url) {
		const template = await makePgliteTemplate();
		project.provide('pgliteTemplate', { dir: template.dir, tarball: template.tarball });
		return () => template.remove();
	}
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${TEMPLATE}`);
	await admin.unsafe(`create database ${TEMPLATE}`);
	const conn = await openDatabase({ databaseUrl: withDatabase(url, TEMPLATE) });
	await runMigrations(conn);
	await conn.close();
	project.provide('templateDb', TEMPLATE);
	return async () => {
		await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`).catch(() => {});
		await admin.end();
	};
}


declare module 'vitest' {
	export interface ProvidedContext {
		templateDb: string;
		/** PGlite: a migrated data directory (`dir`, for app servers) and its dump (`tarball`, for in-memory databases). */
		pgliteTemplate: { dir: string; tarball: string };
	}
}
