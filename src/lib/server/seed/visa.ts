/**
 * Demo visa letters: the host's settings and a seal image, and requests in every state: the demo
 * attendee holds an issued letter, a partner delegate waits for review, others were sent back for a
 * correction, declined, or revoked. Skipped (with the feature) when no data key can be had.
 */
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Tx } from '../db';
import { registrations } from '../registrations/tables';
import { users } from '../auth/tables';
import { events } from '../events/tables';
import { visaRequests, visaSettings } from '../visa/tables';
import * as crypto from '../visa/crypto';
import * as letters from '../visa/letters';
import { uploadsRoot } from '../partners/files';
import { addDays } from '$lib/time';

/** A round red seal as a PNG (RGBA, transparent outside the rings), drawn without any image library. */
export function sealPng(size = 240): Buffer {
	const raw = Buffer.alloc((size * 4 + 1) * size);
	const c = size / 2;
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const d = Math.hypot(x - c + 0.5, y - c + 0.5);
			// Outer ring, inner ring, and a five-pointed star in the middle.
			const a = Math.atan2(y - c, x - c) + Math.PI / 2;
			const k = Math.cos(Math.PI / 5) / Math.cos(((a % ((2 * Math.PI) / 5)) + (2 * Math.PI) / 5) % ((2 * Math.PI) / 5) - Math.PI / 5);
			const star = d < size * 0.2 * (0.5 + 0.5 * k * k);
			const on = (d > c * 0.86 && d < c * 0.97) || (d > c * 0.74 && d < c * 0.77) || star;
			const o = y * (size * 4 + 1) + 1 + x * 4;
			raw[o] = 200;
			raw[o + 1] = 16;
			raw[o + 2] = 30;
			raw[o + 3] = on ? 215 : 0;
		}
	}
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(td) >>> 0);
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8;
	ihdr[9] = 6;
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const PEOPLE = [
	{ status: 'approved', passport: 'HW4815162', dob: '1986-03-14', sex: 'F', employer: 'Maple Robotics Inc.', position: 'Chief Engineer', consulate: 'Vancouver' },
	{ status: 'submitted', passport: 'E92736455', dob: '1979-09-02', sex: 'M', employer: 'Charles River Biotherapeutics', position: 'Research Director', consulate: 'New York' },
	{ status: 'submitted', passport: 'C0318842', dob: '1991-12-21', sex: 'F', employer: 'Kyoto Photonics K.K.', position: 'Product Manager', consulate: 'Osaka' },
	{ status: 'correction', passport: 'P55021987', dob: '1983-06-30', sex: 'M', employer: 'Bay Area Grid Storage', position: 'Founder', consulate: 'San Francisco', note: 'The passport expiry date does not match the scan; please check it.' },
	{ status: 'rejected', passport: 'K7731904', dob: '1990-01-08', sex: 'M', employer: 'Freelance', position: 'Consultant', consulate: 'Toronto', note: 'The registration category does not come with an invitation letter.' },
	{ status: 'revoked', passport: 'N2208814', dob: '1975-11-17', sex: 'F', employer: 'Seattle Health Analytics', position: 'CTO', consulate: 'Los Angeles' },
	{ status: 'approved', passport: 'B6604217', dob: '1988-07-25', sex: 'M', employer: 'Boston Medical Devices', position: 'Senior Engineer', consulate: 'New York' }
] as const;

export async function seedVisa(tx: Tx, ctx: { eventId: string; now: Date }) {
	if (!crypto.keySource()) return;
	const [ev] = await tx.select().from(events).where(eq(events.id, ctx.eventId));
	let seal: string | null = null;
	try {
		seal = `visa/${randomUUID()}.png`;
		fs.mkdirSync(path.join(uploadsRoot(), 'visa'), { recursive: true });
		fs.writeFileSync(path.join(uploadsRoot(), seal), sealPng(), { mode: 0o640 });
	} catch {
		seal = null;
	}
	await tx.insert(visaSettings).values({
		eventId: ctx.eventId,
		hostName: { zh: '大连高新技术产业园区管理委员会', en: 'Administrative Committee of Dalian High-tech Industrial Zone' },
		hostAddress: { zh: '辽宁省大连市高新区黄浦路 537 号', en: '537 Huangpu Road, High-tech Zone, Dalian, Liaoning' },
		contactName: '王丽 Wang Li',
		contactPhone: '+86 411 8479 0000',
		contactEmail: 'visa@example.com',
		signatoryName: { zh: '刘建国', en: 'Liu Jianguo' },
		signatoryTitle: { zh: '海创周组委会秘书长', en: 'Secretary-General, Innovation Week Organizing Committee' },
		numberPrefix: `HCZ${ev.startDate.slice(0, 4)}`,
		purgeAfterDays: 30,
		seal
	});
	// The demo attendee first, then a partner delegate, then other overseas people.
	const candidates = await tx
		.select({ id: registrations.id, userId: registrations.userId, partnerId: registrations.partnerId, country: registrations.country, name: users.name, email: users.email })
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(and(eq(registrations.eventId, ctx.eventId), eq(registrations.status, 'approved'), isNotNull(registrations.country), ne(registrations.country, 'CN')))
		.orderBy(asc(registrations.seq));
	const attendee = candidates.find((c) => c.email === 'attendee@example.com');
	// A delegate of the demo representative's workstation, so the partner portal shows one.
	const [rep] = await tx.select({ partnerId: users.partnerId }).from(users).where(eq(users.email, 'partner@example.com'));
	const ofRep = candidates.filter((c) => c.partnerId && c.partnerId === rep?.partnerId);
	const delegate = ofRep.find((c) => !/example|sample/i.test(c.name)) ?? ofRep[0];
	// Ordinary-looking names first: some of the demo's family names read "Example" or "Sample".
	const others = candidates.filter((c) => c !== attendee && c !== delegate && !c.partnerId && !/example|sample/i.test(c.name));
	const chosen = [attendee, delegate, ...others].filter((c): c is (typeof candidates)[number] => !!c).slice(0, PEOPLE.length);
	const entry = addDays(ev.startDate, -1);
	const exit = addDays(ev.endDate, 1);
	for (const [i, reg] of chosen.entries()) {
		const p = PEOPLE[i];
		const id = randomUUID();
		const passportName = reg.name.normalize('NFD').replace(/[^A-Za-z' -]/g, '').toUpperCase().replace(/\s+/g, ' ').trim() || 'DEMO VISITOR';
		const [row] = await tx
			.insert(visaRequests)
			.values({
				id,
				eventId: ctx.eventId,
				registrationId: reg.id,
				userId: reg.userId,
				partnerId: reg.partnerId,
				requestedBy: reg.userId,
				status: p.status === 'revoked' ? 'approved' : p.status,
				passportName,
				nationality: reg.country!,
				sex: p.sex,
				passportNumberEnc: crypto.seal(p.passport, crypto.context(id, 'passport_number')),
				dateOfBirthEnc: crypto.seal(p.dob, crypto.context(id, 'date_of_birth')),
				passportExpiry: `${Number(ev.startDate.slice(0, 4)) + 6}-05-31`,
				employer: p.employer,
				position: p.position,
				entryDate: entry,
				exitDate: exit,
				consulate: p.consulate,
				entries: i % 3 === 2 ? 'double' : 'single',
				note: 'note' in p ? p.note : null,
				decidedAt: p.status === 'submitted' ? null : ctx.now
			})
			.returning();
		if (p.status === 'approved' || p.status === 'revoked') await letters.issue(tx, row, ctx.now);
		if (p.status === 'revoked') {
			await letters.revoke(tx, id, 'revoked');
			await tx.update(visaRequests).set({ status: 'revoked' }).where(eq(visaRequests.id, id));
		}
	}
}
