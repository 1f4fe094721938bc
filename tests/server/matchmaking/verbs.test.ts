/** Matchmaking verbs on a real database: profiles and search, caps, expiry, accepting into slots, scheduling, held, privacy, races. */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../helpers/db';
import { db } from '$lib/server/db';
import * as matchmaking from '$lib/server/matchmaking';
import { matchMeetings, matchMeetingSeats, matchProfiles, matchRequests, matchSlots } from '$lib/server/matchmaking/tables';
import { storePhoto } from '$lib/server/schedule/uploads';
import { delegates, projects } from '$lib/server/partners/tables';
import { makePartner } from '../partners/helpers';
import { outbox } from '$lib/server/mail/tables';
import { exportMyData, eraseMyAccount } from '$lib/server/auth/my-data';
import { edition, person, SESSION_START } from './helpers';
import * as schedule from '$lib/server/schedule';
import { rotateFeedToken } from '$lib/server/schedule/agenda';

useTestDatabase();

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

async function configured(opts: { tables?: number; gap?: number } = {}) {
	const ed = await edition();
	const s = await matchmaking.configureSession(ed.organizer, ed.session.id, { slotMinutes: 20, gapMinutes: opts.gap ?? 0, tables: opts.tables ?? 2, fixed: [] });
	return { ...ed, slots: s.slots, tables: s.tables };
}

describe('profiles and directory', () => {
	it('finds a Chinese name by characters, Latin name, full pinyin, initials and organization; hides unlisted and contact details', async () => {
		const ed = await edition();
		const viewer = await person(ed);
		const zhang = await person(ed, { organization: 'Dalian Robotics', kind: 'enterprise', offers: ['invest'] }, { name: 'Wei Zhang', nameZh: '张伟' });
		await person(ed, { listed: false }, { name: 'Hidden Person', nameZh: '隐藏' });
		for (const q of ['张伟', 'wei zhang', 'zhangwei', 'zhang wei', 'zw', 'robotics']) {
			const page = await matchmaking.directory(viewer.user, ed.event.id, { q });
			expect(page.items.map((i) => i.id), q).toEqual([zhang.profile.id]);
		}
		const all = await matchmaking.directory(viewer.user, ed.event.id, {});
		expect(all.total).toBe(1);
		expect(JSON.stringify(all)).not.toContain('+86');
		expect(JSON.stringify(all)).not.toContain('@example.com');
		expect((await matchmaking.directory(viewer.user, ed.event.id, { kind: 'investor' })).total).toBe(0);
		expect((await matchmaking.directory(viewer.user, ed.event.id, { offers: 'invest' })).total).toBe(1);
		expect(await codeOf(matchmaking.saveProfile(viewer.user, ed.event.id, { kind: 'talent', sectors: ['nope'] }))).toBe('invalid_input');
		// Recommendations: the enterprise offering investment to someone seeking to raise, with reasons; never the hidden one.
		const recs = await matchmaking.recommendations(viewer.user, ed.event.id);
		expect(recs.map((r) => r.profile.id)).toEqual([zhang.profile.id]);
		expect(recs[0].reasons.map((r) => r.key)).toEqual(['seek_meets_offer', 'sectors', 'language']);
		expect(recs[0].profile.contact).toBeUndefined();
		expect((await matchmaking.myProfile(viewer.user, ed.event.id))?.contact?.phone).toBe('+86 411 1234567');
	});
});

describe('requests', () => {
	it('caps open requests per kind, expires on read and by the sweep, and shows contacts only after acceptance', async () => {
		const ed = await configured();
		await matchmaking.updateSettings(ed.organizer, ed.event.id, { scheduling: 'self', requestTtlHours: 1, walkMinutes: 5, caps: { talent: { openRequests: 1, meetings: 5 } } });
		const a = await person(ed);
		const b = await person(ed, { kind: 'investor' });
		const c = await person(ed, { kind: 'investor' });
		const r = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id, message: 'Hello' });
		expect(r.status).toBe('pending');
		expect(r.to.contact).toBeUndefined();
		expect(await codeOf(matchmaking.request(a.user, ed.event.id, { toProfileId: c.profile.id }))).toBe('match_request_cap');
		expect(await codeOf(matchmaking.request(b.user, ed.event.id, { toProfileId: a.profile.id }))).toBe('match_already_requested');
		expect(await codeOf(matchmaking.request(a.user, ed.event.id, { toProfileId: a.profile.id }))).toBe('match_self_request');
		expect((await db.select().from(outbox).where(eq(outbox.kind, 'match.request'))).some((m) => m.to === b.user.email)).toBe(true);
		// Expired on read once past its time, then by the sweep.
		await db.update(matchRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(matchRequests.id, r.id));
		expect((await matchmaking.myRequests(b.user, ed.event.id)).incoming[0].status).toBe('expired');
		expect(await codeOf(matchmaking.respond(b.user, r.id, 'accept'))).toBe('match_request_expired');
		const [row] = await db.select().from(matchRequests).where(eq(matchRequests.id, r.id));
		expect(row.status).toBe('expired');
		// The cap frees up: a new request, accepted with a slot.
		const r2 = await matchmaking.request(a.user, ed.event.id, { toProfileId: c.profile.id });
		expect(await codeOf(matchmaking.respond(a.user, r2.id, 'accept'))).toBe('forbidden');
		const res = await matchmaking.respond(c.user, r2.id, 'accept', { slotId: ed.slots[0].id });
		expect(res.warning).toBe(null);
		expect(res.request.status).toBe('accepted');
		expect(res.meeting?.status).toBe('scheduled');
		expect(res.meeting?.table?.number).toBe(1);
		expect(res.meeting?.other.contact).toEqual({ email: a.user.email, phone: '+86 411 1234567' });
		const view = await matchmaking.profile(a.user, c.profile.id);
		expect(view.contact?.email).toBe(c.user.email);
		expect((await matchmaking.profile(a.user, b.profile.id)).contact).toBeUndefined();
	});

	it('brokered proposals need both sides; partner reps only for their own delegates', async () => {
		const ed = await configured();
		const a = await person(ed);
		const b = await person(ed, { kind: 'enterprise' });
		const rep = { ...(await person(ed)).user, role: 'partner' as const, partnerId: null };
		expect(await codeOf(matchmaking.broker(rep, ed.event.id, { aProfileId: a.profile.id, bProfileId: b.profile.id }))).toBe('forbidden');
		const r = await matchmaking.broker(ed.organizer, ed.event.id, { aProfileId: a.profile.id, bProfileId: b.profile.id, message: 'You two should meet' });
		expect(r.brokered).toBe(true);
		const first = await matchmaking.respond(a.user, r.id, 'accept');
		expect(first.request.status).toBe('pending');
		expect(first.meeting).toBe(null);
		const second = await matchmaking.respond(b.user, r.id, 'accept');
		expect(second.request.status).toBe('accepted');
		expect(second.meeting?.status).toBe('unscheduled');
		expect((await matchmaking.brokeredRequests(ed.organizer, ed.event.id)).map((x) => x.id)).toEqual([r.id]);
	});
});

describe('meetings', () => {
	it('a taken slot warns instead of double-booking; walking time between rooms; remote; held by badge; rating; no-show; schedule all and publish', async () => {
		const ed = await configured({ tables: 1 });
		const [a, b, c, d] = [await person(ed), await person(ed, { kind: 'investor' }), await person(ed, { kind: 'investor' }), await person(ed, { kind: 'enterprise' })];
		const r1 = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id });
		const m1 = await matchmaking.respond(b.user, r1.id, 'accept', { slotId: ed.slots[0].id });
		expect(m1.warning).toBe(null);
		// The only table of slot 1 is taken: c and d get a warning and an unscheduled meeting.
		const r2 = await matchmaking.request(c.user, ed.event.id, { toProfileId: d.profile.id });
		const m2 = await matchmaking.respond(d.user, r2.id, 'accept', { slotId: ed.slots[0].id });
		expect(m2.warning).toBe('slot_taken');
		expect(m2.meeting?.status).toBe('unscheduled');
		// a is busy in slot 1: a meeting with c cannot take it either.
		const r3 = await matchmaking.request(a.user, ed.event.id, { toProfileId: c.profile.id });
		const opts = await matchmaking.slotsFor(a.user, r3.id);
		expect(opts.map((o) => o.reason)).toEqual(['a_busy', null, null]);
		await matchmaking.respond(c.user, r3.id, 'accept');
		// Schedule all places the rest: nobody and no table twice at once.
		const run = await matchmaking.scheduleAll(ed.organizer, ed.event.id, { timeLimitMs: 2000 });
		expect(run.placed).toBe(3);
		expect(run.unplaced).toBe(0);
		const seats = await db.select().from(matchMeetingSeats);
		expect(new Set(seats.map((s) => `${s.profileId} ${s.slotId}`)).size).toBe(seats.length);
		const mine = await matchmaking.myMeetings(a.user, ed.event.id);
		expect(mine.map((m) => m.status)).toEqual(['scheduled', 'scheduled']);
		expect(ed.slots.map((x) => x.startsAt)).toContain(mine[0].startsAt);
		expect(mine[0].startsAt! < mine[1].startsAt!).toBe(true);
		// Publishing: one mail per person.
		const pub = await matchmaking.publishSchedule(ed.organizer, ed.event.id);
		expect(pub.mails).toBe(4);
		const mails = await db.select().from(outbox).where(eq(outbox.kind, 'match.schedule'));
		expect(mails.filter((m) => m.to === a.user.email)).toHaveLength(1);
		expect(mails.find((m) => m.to === a.user.email)!.text).toContain('table 1');
		// Held: a scans b's badge at the meeting time; a wrong badge is refused.
		const meet = mine[0];
		const at = new Date(Date.parse(meet.startsAt!) + 5 * 60_000);
		const [right, wrong, otherUser, otherBadge] = meet.other.id === b.profile.id ? [b.badge, c.badge, c.user, a.badge] : [c.badge, b.badge, c.user, a.badge];
		expect(await codeOf(matchmaking.held(a.user, meet.id, wrong, at))).toBe('match_wrong_person');
		expect(await codeOf(matchmaking.held(a.user, meet.id, 'HW1.garbage', at))).toBe('match_invalid_badge');
		expect(await codeOf(matchmaking.held(a.user, meet.id, meet.other.id === b.profile.id ? b.badge : c.badge, new Date(Date.parse(meet.startsAt!) - 60 * 60_000)))).toBe('match_not_meeting_time');
		expect((await matchmaking.held(a.user, meet.id, right, at)).result).toBe('held');
		void otherUser;
		expect((await matchmaking.held(a.user, meet.id, right, at)).result).toBe('already_held');
		void otherBadge;
		const rated = await matchmaking.rate(a.user, meet.id, { stars: 5, followUp: true });
		expect(rated.myRating).toEqual({ stars: 5, followUp: true });
		expect((await matchmaking.answerOutcome(a.user, meet.id, 'talks')).myOutcome).toBe('talks');
		// The other meeting is not held: after its time, with c's account, a no-show for a.
		const other = mine[1];
		const otherPerson = other.other.id === b.profile.id ? b : c;
		await matchmaking.report(otherPerson.user, other.id, 'other_absent');
		expect(await matchmaking.settleNoShows(new Date(SESSION_START.getTime() + 10 * 3_600_000))).toBeGreaterThanOrEqual(1);
		const settled = await matchmaking.meeting(ed.organizer, other.id);
		expect(settled.status).toBe('no_show');
		expect(settled.noShowSide).toBe(settled.a.id === a.profile.id ? 'a' : 'b');
		const fig = await matchmaking.figures(ed.organizer, ed.event.id);
		expect(fig.total).toEqual({ key: 'total', requested: 3, accepted: 3, scheduled: 3, held: 1, noShow: 2 });
		expect(fig.ratings).toEqual({ count: 1, average: 5, followUps: 1 });
		expect(fig.outcomes.talks).toBe(1);
		// Strangers see nothing.
		expect(await codeOf(matchmaking.meeting(d.user, meet.id))).toBe('not_found');
	});

	it('remote meetings, moving raises SEQUENCE, locked meetings stay, walking time between rooms', async () => {
		const ed = await configured({ tables: 2 });
		const [a, b] = [await person(ed), await person(ed, { kind: 'investor' })];
		const r = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id });
		const { meeting } = await matchmaking.respond(b.user, r.id, 'accept', { slotId: ed.slots[1].id });
		expect(meeting!.sequence).toBe(0);
		const moved = await matchmaking.placeMeeting(ed.organizer, meeting!.id, ed.slots[2].id, ed.tables[1].id);
		expect(moved.warning).toBe(null);
		expect(moved.meeting.sequence).toBe(1);
		await matchmaking.lockMeeting(ed.organizer, meeting!.id, true);
		await matchmaking.scheduleAll(ed.organizer, ed.event.id, { timeLimitMs: 1000 });
		const after = await matchmaking.meeting(a.user, meeting!.id);
		expect([after.slot?.id, after.table?.id, after.sequence]).toEqual([ed.slots[2].id, ed.tables[1].id, 1]);
		const remote = await matchmaking.setRemote(a.user, meeting!.id, { startsAt: '2026-06-20T14:00:00Z', minutes: 30, videoUrl: 'https://meet.example.com/x' });
		expect([remote.remote, remote.status, remote.sequence, remote.slot]).toEqual([true, 'scheduled', 2, null]);
		expect(remote.zones).toEqual({ a: 'Asia/Shanghai', b: 'Asia/Shanghai' });
		// The agenda feed carries the meeting with its UID and the raised SEQUENCE.
		const token = await rotateFeedToken(a.user);
		const ics = await schedule.agendaIcs(token, { locale: 'en', host: 'hw.test', baseUrl: 'http://hw.test' });
		expect(ics).toContain(`UID:${meeting!.id}@hw.test`);
		expect(ics).toContain('SEQUENCE:2');
		expect(ics).toContain('Video meeting with');
	});
});

describe('privacy', () => {
	it('exports and erases the person’s matchmaking data', async () => {
		const ed = await configured();
		const a = await person(ed);
		const b = await person(ed, { kind: 'investor' });
		const r = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id, message: 'Let us talk' });
		await matchmaking.respond(b.user, r.id, 'accept');
		const data = await exportMyData(a.user);
		expect(data.matchmaking.profiles.map((p) => p.id)).toEqual([a.profile.id]);
		expect(data.matchmaking.requests.map((x) => x.message)).toEqual(['Let us talk']);
		expect(data.matchmaking.meetings).toHaveLength(1);
		await eraseMyAccount(a.user);
		expect(await matchmaking.myProfile(a.user, ed.event.id)).toBe(null);
		expect(await db.select().from(matchRequests).where(eq(matchRequests.fromProfileId, a.profile.id))).toEqual([]);
		expect(await db.select().from(matchMeetings).where(eq(matchMeetings.aProfileId, a.profile.id))).toEqual([]);
	});
});

describe('races (real parallel transactions)', () => {
	it('30 parallel requests against a cap of 5 open requests: exactly 5 pass', async () => {
		const ed = await configured();
		await matchmaking.updateSettings(ed.organizer, ed.event.id, { scheduling: 'self', requestTtlHours: 72, walkMinutes: 5, caps: { talent: { openRequests: 5, meetings: 50 } } });
		const a = await person(ed);
		const targets = [];
		for (let i = 0; i < 30; i++) targets.push(await person(ed, { kind: 'investor' }));
		const codes = await Promise.all(targets.map((t) => codeOf(matchmaking.request(a.user, ed.event.id, { toProfileId: t.profile.id }))));
		expect(codes.filter((c) => c === 'ok')).toHaveLength(5);
		expect(codes.filter((c) => c === 'match_request_cap')).toHaveLength(25);
	});

	it('two people accepting into the same slot and table: one booked, one warned', async () => {
		const ed = await configured({ tables: 1 });
		const [a, b, c, d] = [await person(ed), await person(ed, { kind: 'investor' }), await person(ed), await person(ed, { kind: 'investor' })];
		const r1 = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id });
		const r2 = await matchmaking.request(c.user, ed.event.id, { toProfileId: d.profile.id });
		const [x, y] = await Promise.all([matchmaking.respond(b.user, r1.id, 'accept', { slotId: ed.slots[0].id }), matchmaking.respond(d.user, r2.id, 'accept', { slotId: ed.slots[0].id })]);
		expect([x.warning, y.warning].sort()).toEqual([null, 'slot_taken']);
		const inSlot = await db.select().from(matchMeetings).where(eq(matchMeetings.slotId, ed.slots[0].id));
		expect(inSlot).toHaveLength(1);
	});

	it('one person accepting two requests into one slot at once: booked once', async () => {
		const ed = await configured({ tables: 2 });
		const [a, b, c] = [await person(ed, { kind: 'investor' }), await person(ed), await person(ed)];
		const r1 = await matchmaking.request(b.user, ed.event.id, { toProfileId: a.profile.id });
		const r2 = await matchmaking.request(c.user, ed.event.id, { toProfileId: a.profile.id });
		const res = await Promise.all([matchmaking.respond(a.user, r1.id, 'accept', { slotId: ed.slots[0].id }), matchmaking.respond(a.user, r2.id, 'accept', { slotId: ed.slots[0].id })]);
		expect(res.map((r) => r.warning).sort()).toEqual([null, 'slot_taken']);
	});

	it('two organizers scheduling at once never double-book', async () => {
		const ed = await configured({ tables: 2 });
		const people = [];
		for (let i = 0; i < 8; i++) people.push(await person(ed, { kind: i % 2 ? 'investor' : 'talent' }));
		for (let i = 0; i < 8; i++)
			for (let j = i + 1; j < 8; j += 3) {
				const r = await matchmaking.request(people[i].user, ed.event.id, { toProfileId: people[j].profile.id });
				await matchmaking.respond(people[j].user, r.id, 'accept');
			}
		const organizer2 = { ...ed.organizer, id: ed.organizer.id };
		const [r1, r2] = await Promise.all([matchmaking.scheduleAll(ed.organizer, ed.event.id, { timeLimitMs: 1500 }), matchmaking.scheduleAll(organizer2, ed.event.id, { timeLimitMs: 1500 })]);
		expect(r1.placed).toBeGreaterThan(0);
		expect(r2.placed).toBe(r1.placed);
		const rows = await db.select().from(matchMeetings).where(eq(matchMeetings.eventId, ed.event.id));
		const placed = rows.filter((m) => m.slotId);
		expect(new Set(placed.map((m) => `${m.slotId} ${m.tableId}`)).size).toBe(placed.length);
		const seats = placed.flatMap((m) => [`${m.aProfileId} ${m.slotId}`, `${m.bProfileId} ${m.slotId}`]);
		expect(new Set(seats).size).toBe(seats.length);
	});
});

describe('availability before any meeting', () => {
	it('lists the edition’s slots to a participant without meetings and keeps the slots they mark', async () => {
		const ed = await configured();
		const a = await person(ed);
		const stranger = await person(await edition());
		expect(await matchmaking.myMeetings(a.user, ed.event.id)).toEqual([]);
		const before = await matchmaking.editionSlots(a.user, ed.event.id);
		expect(before.map((s) => s.id)).toEqual(ed.slots.map((s) => s.id));
		expect(before.map((s) => s.unavailable)).toEqual([false, false, false]);
		expect(before[0].roomName).toEqual({ zh: '洽谈厅', en: 'Meeting hall' });
		await matchmaking.markUnavailable(a.user, ed.event.id, [ed.slots[1].id]);
		expect((await matchmaking.editionSlots(a.user, ed.event.id)).map((s) => s.unavailable)).toEqual([false, true, false]);
		// Someone without a profile in this edition gets no slots.
		expect(await matchmaking.editionSlots(stranger.user, ed.event.id)).toEqual([]);
		expect(await codeOf(matchmaking.editionSlots(a.user, 'nope'))).toBe('not_found');
	});
});

describe('ended slots', () => {
	it('accepting into or choosing a slot that has already ended is refused; the picker marks it ended', async () => {
		const ed = await configured();
		await matchmaking.updateSettings(ed.organizer, ed.event.id, { scheduling: 'self', requestTtlHours: 48, walkMinutes: 5, caps: {} });
		const a = await person(ed);
		const b = await person(ed, { kind: 'investor' });
		// The first slot ended an hour ago.
		await db.update(matchSlots).set({ startsAt: new Date(Date.now() - 80 * 60_000), endsAt: new Date(Date.now() - 60 * 60_000) }).where(eq(matchSlots.id, ed.slots[0].id));
		const r = await matchmaking.request(a.user, ed.event.id, { toProfileId: b.profile.id });
		expect((await matchmaking.slotsFor(b.user, r.id)).find((o) => o.id === ed.slots[0].id)).toMatchObject({ free: false, reason: 'ended' });
		expect(await codeOf(matchmaking.respond(b.user, r.id, 'accept', { slotId: ed.slots[0].id }))).toBe('match_slot_ended');
		// Nothing was accepted: the request still waits, no meeting exists.
		expect((await db.select().from(matchRequests).where(eq(matchRequests.id, r.id)))[0].status).toBe('pending');
		expect(await db.select().from(matchMeetings).where(eq(matchMeetings.eventId, ed.event.id))).toEqual([]);
		const res = await matchmaking.respond(b.user, r.id, 'accept');
		expect(await codeOf(matchmaking.chooseSlot(a.user, res.meeting!.id, ed.slots[0].id))).toBe('match_slot_ended');
		expect((await matchmaking.meeting(a.user, res.meeting!.id)).status).toBe('unscheduled');
		const ok = await matchmaking.chooseSlot(a.user, res.meeting!.id, ed.slots[1].id);
		expect(ok.warning).toBe(null);
		expect(ok.meeting.slot?.id).toBe(ed.slots[1].id);
	});
});

describe('profile photos', () => {
	it('emits /match/photos/{id} only for a stored photo and serves it to whoever may see the profile', async () => {
		const ed = await edition();
		const a = await person(ed);
		const viewer = await person(ed);
		const hidden = await person(ed, { listed: false });
		const outsider = await person(await edition());
		// Without a photo: no URL, and nothing to serve.
		expect((await matchmaking.profile(viewer.user, a.profile.id)).photo).toBe(null);
		expect(await codeOf(matchmaking.photo(viewer.user, a.profile.id))).toBe('not_found');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
		const name = await storePhoto(new File([png], 'me.png'));
		await db.update(matchProfiles).set({ photo: name }).where(eq(matchProfiles.id, a.profile.id));
		await db.update(matchProfiles).set({ photo: name }).where(eq(matchProfiles.id, hidden.profile.id));
		expect((await matchmaking.profile(viewer.user, a.profile.id)).photo).toBe(`/match/photos/${a.profile.id}`);
		const served = await matchmaking.photo(viewer.user, a.profile.id);
		expect(served.type).toBe('image/png');
		expect([...served.bytes]).toEqual([...png]);
		expect((await matchmaking.photo(a.user, a.profile.id)).type).toBe('image/png');
		// Unlisted profiles and other editions' people get nothing; a stored name that is not ours is never read.
		expect(await codeOf(matchmaking.photo(viewer.user, hidden.profile.id))).toBe('not_found');
		expect(await codeOf(matchmaking.photo(outsider.user, a.profile.id))).not.toBe('ok');
		await db.update(matchProfiles).set({ photo: '../../etc/passwd' }).where(eq(matchProfiles.id, a.profile.id));
		expect(await codeOf(matchmaking.photo(viewer.user, a.profile.id))).toBe('not_found');
		expect(await codeOf(matchmaking.photo(viewer.user, 'x'))).toBe('not_found');
	});
});

describe('the follow-up question months later', () => {
	it('mails each side of a rated held meeting once, after the edition’s days; unrated meetings are not asked', async () => {
		const ed = await configured();
		await matchmaking.updateSettings(ed.organizer, ed.event.id, { scheduling: 'self', requestTtlHours: 48, walkMinutes: 5, caps: {}, followUpDays: 30 });
		expect((await matchmaking.settings(ed.organizer, ed.event.id)).followUpDays).toBe(30);
		// Left out of an update, the days stay as they were.
		await matchmaking.updateSettings(ed.organizer, ed.event.id, { scheduling: 'self', requestTtlHours: 48, walkMinutes: 5, caps: {} });
		expect((await matchmaking.settings(ed.organizer, ed.event.id)).followUpDays).toBe(30);
		const [a, b, c, d] = [await person(ed, {}, { name: 'Ada Asker' }), await person(ed, { kind: 'investor' }, { name: 'Bo Investor' }), await person(ed), await person(ed, { kind: 'investor' })];
		const meet = async (x: typeof a, y: typeof a, slot: number) => {
			const r = await matchmaking.request(x.user, ed.event.id, { toProfileId: y.profile.id });
			const res = await matchmaking.respond(y.user, r.id, 'accept', { slotId: ed.slots[slot].id });
			const at = new Date(Date.parse(res.meeting!.startsAt!) + 5 * 60_000);
			await matchmaking.held(x.user, res.meeting!.id, y.badge, at);
			return { id: res.meeting!.id, at };
		};
		const rated = await meet(a, b, 0);
		const unrated = await meet(c, d, 1);
		await matchmaking.rate(a.user, rated.id, { stars: 4, followUp: true });
		const day = 86_400_000;
		// The sweep covers every edition (a shared PostgreSQL may hold others): count this edition's mails.
		const ours = new Set([a, b, c, d].map((p) => p.user.email));
		const asked = async (days: number) => {
			await matchmaking.askOutcomes(new Date(rated.at.getTime() + days * day));
			return (await db.select().from(outbox).where(eq(outbox.kind, 'match.outcome'))).filter((m) => ours.has(m.to));
		};
		expect(await asked(29)).toHaveLength(0);
		expect(await asked(31)).toHaveLength(2);
		expect(await asked(32)).toHaveLength(2);
		const mails = await asked(400);
		expect(mails).toHaveLength(2);
		expect(mails.map((m) => m.to).sort()).toEqual([a.user.email, b.user.email].sort());
		const toA = mails.find((m) => m.to === a.user.email)!;
		expect(toA.subject).toBe('How did your meeting with Bo Investor go?');
		expect(toA.text).toContain('/me/matchmaking/meetings');
		// The page shows the question to both sides; the answer is kept.
		expect((await matchmaking.meeting(b.user, rated.id)).outcomeAsked).toBe(true);
		expect((await matchmaking.meeting(c.user, unrated.id)).outcomeAsked).toBe(false);
		expect((await matchmaking.answerOutcome(b.user, rated.id, 'agreement')).myOutcome).toBe('agreement');
		expect(await asked(500)).toHaveLength(2);
	});
});

describe('linkable projects', () => {
	it('lists the partner projects a person brings as a delegate, and only those can be linked', async () => {
		const ed = await edition();
		const a = await person(ed);
		const other = await person(ed);
		const partner = await makePartner();
		const delegate = async (userId: string, eventId: string) =>
			(await db.insert(delegates).values({ partnerId: partner.id, eventId, name: 'D', email: `d-${Math.random().toString(36).slice(2)}@example.com`, tokenHash: Math.random().toString(36), expiresAt: new Date(Date.now() + 86_400_000), userId }).returning())[0];
		const project = async (delegateId: string, eventId: string, en: string) =>
			(await db.insert(projects).values({ partnerId: partner.id, eventId, delegateId, title: { zh: en, en }, field: 'ai', stage: 'seed', summary: 's' }).returning())[0];
		const mine = await project((await delegate(a.user.id, ed.event.id)).id, ed.event.id, 'Photonic chips');
		const theirs = await project((await delegate(other.user.id, ed.event.id)).id, ed.event.id, 'Not mine');
		const elsewhere = await edition();
		await project((await delegate(a.user.id, elsewhere.event.id)).id, elsewhere.event.id, 'Other edition');
		// Offered before anything is linked (the editor used to offer only the projects already linked).
		expect(await matchmaking.linkableProjects(a.user, ed.event.id)).toEqual([{ id: mine.id, title: { zh: 'Photonic chips', en: 'Photonic chips' } }]);
		expect(await matchmaking.linkableProjects(other.user, ed.event.id)).toEqual([{ id: theirs.id, title: { zh: 'Not mine', en: 'Not mine' } }]);
		const saved = await matchmaking.saveProfile(a.user, ed.event.id, { listed: true, kind: 'talent', sectors: ['ai'], offers: ['partner'], seeks: ['raise'], languages: ['en'], projectIds: [mine.id, theirs.id] });
		expect(saved.projects.map((p) => p.id)).toEqual([mine.id]);
		expect(await codeOf(matchmaking.linkableProjects(a.user, 'nope'))).toBe('not_found');
	});
});
