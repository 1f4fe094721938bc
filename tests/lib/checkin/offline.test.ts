/** The scanner's offline decisions: same verification and rules as the server, from synced data only. */
import { describe, expect, it } from 'vitest';
import { generateKeyPair, signCode } from '$lib/server/badges/code';
import { decideOffline, mergeSync, type SyncData, type SyncResponse } from '$lib/checkin/offline';
import { verify } from '$lib/checkin/verify';

const key = generateKeyPair();
const other = generateKeyPair();
const rules = { allowedCategories: [], seatRequired: false, window: null, direction: 'entry' as const, reentryAllowed: false, followRoomSchedule: false };
const person = (publicId: string, status: 'approved' | 'cancelled' = 'approved', version = 1) => ({ publicId, name: `N ${publicId}`, nameZh: null, organization: 'Org', categoryId: 'cat', status, version });

function sync(extra: Partial<SyncResponse> = {}): SyncResponse {
	return {
		serverTime: '2026-07-06T01:00:00.000Z',
		full: true,
		event: { id: 'e', slug: 's', name: { zh: '活动', en: 'Event' }, timeZone: 'Asia/Shanghai' },
		key: { kid: key.kid, publicKey: key.publicKey },
		checkpoints: [{ id: 'cp', name: { zh: '门', en: 'Door' }, kind: 'entrance', roomId: null, venueId: null, rules }],
		sessions: [],
		categories: [{ id: 'cat', name: { zh: '人才', en: 'Talent' }, color: '#123456' }],
		roster: [person('AAAAAAAAAA'), person('BBBBBBBBBB', 'cancelled'), person('CCCCCCCCCC', 'approved', 2)],
		revocations: [{ publicId: 'CCCCCCCCCC', version: 1 }],
		admissions: [],
		outcomes: [],
		...extra
	};
}
let n = 0;
const scan = (d: SyncData, code: string) => decideOffline(d, { code, checkpointId: 'cp', scanId: `s${++n}`, scannedAt: new Date().toISOString() });

describe('offline verification and decisions', () => {
	it('verifies like the server: genuine, altered, other key, garbage', async () => {
		const code = signCode(key, 'AAAAAAAAAA', 1);
		expect((await verify(code, key)).ok).toBe(true);
		// Alter a character inside the signature: the last base32 characters carry padding bits, and
		// changing those may make the code undecodable (unknown_code) rather than merely wrong.
		const i = code.length - 20;
		const altered = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
		expect(await verify(altered, key)).toMatchObject({ ok: false, reason: 'invalid_signature' });
		expect(await verify(signCode(other, 'AAAAAAAAAA', 1), key)).toMatchObject({ ok: false, reason: 'wrong_event' });
		expect(await verify('hello', key)).toMatchObject({ ok: false, reason: 'unknown_code' });
	});

	it('answers from the roster, revocations and its own memory of admissions', async () => {
		const d = mergeSync(null, sync());
		const a = await scan(d, signCode(key, 'AAAAAAAAAA', 1));
		expect(a).toMatchObject({ result: 'admitted', attendee: { name: 'N AAAAAAAAAA', category: { color: '#123456' } } });
		d.admissions.push({ publicId: 'AAAAAAAAAA', checkpointId: 'cp', at: a.scannedAt, direction: 'entry', scanId: a.scanId });
		expect(await scan(d, signCode(key, 'AAAAAAAAAA', 1))).toMatchObject({ result: 'already_admitted', firstAdmission: { at: a.scannedAt } });
		expect(await scan(d, signCode(key, 'BBBBBBBBBB', 1))).toMatchObject({ result: 'rejected', reason: 'cancelled' });
		expect(await scan(d, signCode(key, 'CCCCCCCCCC', 1))).toMatchObject({ result: 'rejected', reason: 'revoked' });
		expect(await scan(d, signCode(key, 'CCCCCCCCCC', 2))).toMatchObject({ result: 'admitted' });
		expect(await scan(d, signCode(key, 'DDDDDDDDDD', 1))).toMatchObject({ result: 'rejected', reason: 'unknown_code' });
		const forged = await scan(d, signCode(other, 'AAAAAAAAAA', 1));
		expect(forged).toMatchObject({ result: 'rejected', reason: 'wrong_event' });
		expect(forged.attendee).toBeUndefined();
	});

	it('merges incremental syncs: new people, new revocations, admissions from other devices', async () => {
		const d0 = mergeSync(null, sync());
		const d1 = mergeSync(
			d0,
			sync({
				full: false,
				roster: [person('AAAAAAAAAA', 'approved', 2)],
				revocations: [{ publicId: 'AAAAAAAAAA', version: 1 }],
				admissions: [{ publicId: 'CCCCCCCCCC', checkpointId: 'cp', at: '2026-07-06T00:59:00.000Z', direction: 'entry' }]
			})
		);
		expect(Object.keys(d1.roster).sort()).toEqual(['AAAAAAAAAA', 'BBBBBBBBBB', 'CCCCCCCCCC']);
		expect(d1.revoked.sort()).toEqual(['AAAAAAAAAA:1', 'CCCCCCCCCC:1']);
		expect(await scan(d1, signCode(key, 'AAAAAAAAAA', 1))).toMatchObject({ reason: 'revoked' });
		expect(await scan(d1, signCode(key, 'CCCCCCCCCC', 2))).toMatchObject({ result: 'already_admitted' });
	});
});
