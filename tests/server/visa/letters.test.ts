import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import * as visa from '$lib/server/visa';
import { visaRequests } from '$lib/server/visa/tables';
import { input, registered, visaEdition } from './helpers';

useTestDatabase();

describe('letter PDF', () => {
	it('renders', async () => {
		const { event, category, organizer } = await visaEdition();
		const { user } = await registered(event.id, category.id);
		const r = await visa.create(user, event.id, input());
		await visa.decide(organizer, r.id, 'approve');
		const { bytes, number } = await visa.pdf(user, r.id);
		expect(number).toBe('HCZ2026-0001');
		fs.mkdirSync('/tmp/shots-visa', { recursive: true });
		fs.writeFileSync('/tmp/shots-visa/letter.pdf', bytes);
		const [row] = await db.select().from(visaRequests).where(eq(visaRequests.id, r.id));
		expect(row.passportNumberEnc).not.toContain('AB1234567');
	});
});
