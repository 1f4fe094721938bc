/**
 * Operator commands (`npm run admin -- <command>`), for installs without demo data:
 *   create-user --email E --password P --role R [--name N] [--partner SLUG]
 *   migrate
 * On the embedded database, stop the server first (one process per data directory).
 */
import { parseArgs } from 'node:util';
import { openDatabase, connection } from '../src/lib/server/db';
import { runMigrations } from '../src/lib/server/db/migrate';
import { ROLES, email as emailSchema, newPassword, type Role } from '../src/lib/schemas/auth';

const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
	console.error(`error: ${message}`);
	process.exit(1);
}

async function main() {
	if (command === 'migrate') {
		const conn = await openDatabase();
		await runMigrations(conn);
		console.log(`migrations applied (${conn.kind})`);
		return;
	}
	if (command === 'create-user') {
		const { values } = parseArgs({
			args: rest,
			options: {
				email: { type: 'string' },
				password: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				partner: { type: 'string' }
			},
			strict: true
		});
		const email = emailSchema.safeParse(values.email ?? '');
		if (!email.success) fail('--email must be a valid email address');
		if (!newPassword.safeParse(values.password ?? '').success) fail('--password must be 10 to 128 characters');
		if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
		const conn = await openDatabase();
		await runMigrations(conn);
		const { upsertUser } = await import('../src/lib/server/auth');
		const user = await upsertUser({ email: email.data, password: values.password!, role: values.role as Role, name: values.name, partnerSlug: values.partner });
		console.log(`user ${user.email} (${user.role}) ready`);
		return;
	}
	console.log('usage: npm run admin -- create-user --email E --password P --role attendee|partner|staff|organizer|admin [--name N] [--partner SLUG]\n       npm run admin -- migrate');
	process.exit(command ? 1 : 0);
}

main()
	.catch((e) => fail(e instanceof Error ? e.message : String(e)))
	.finally(() => connection?.close());
