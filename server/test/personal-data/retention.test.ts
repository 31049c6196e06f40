import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { monthsBefore } from '../../src/modules/personal-data/retention.service.js';
import { runRetention } from '../../src/modules/personal-data/index.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from '../open-days/world.js';

let app: TestApp;
let leszno: OpenDaysWorld;
let czerwionka: OpenDaysWorld;
beforeAll(async () => {
  app = await startTestApp();
  leszno = await openDaysWorld(app);
  czerwionka = await openDaysWorld(app, 'czerwionka-leszczyny');
  // Leszno keeps event data for a year and messages for three months; Czerwionka keeps the defaults (24, 36, 6).
  await leszno.staff.ok(`mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { eventDataMonths } }`, {
    input: { eventDataMonths: 12, inactiveAccountMonths: 24, messageMonths: 3 },
  });
});
afterAll(() => app.close());

const DAY = 24 * 3600_000;
const MONTH = 30 * DAY;
const sql = <T = Record<string, any>>(query: string, params: unknown[] = []) => app.em().getConnection().execute<T[]>(query, params);
const one = async <T = Record<string, any>>(query: string, params: unknown[] = []) => (await sql<T>(query, params))[0]!;
const later = (ms: number) => new Date(Date.now() + ms);
const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id } }`;
const book = async (client: TestClient, slotId: string) => (await client.ok(BOOK, { input: { slotId, partySize: 1 } })).bookOpenDaysSlot.id as string;

test('months are counted on the calendar', () => {
  expect(monthsBefore(new Date('2026-11-23T10:00:00Z'), 12).toISOString()).toBe('2025-11-23T10:00:00.000Z');
  expect(monthsBefore(new Date('2026-03-15T00:00:00Z'), 3).toISOString()).toBe('2025-12-15T00:00:00.000Z');
});

describe('the retention job', () => {
  test('erases event data and messages only once they are older than the municipality’s settings, keeping the records counted', async () => {
    const staff = leszno.staff;
    // Open Days: a resident of each municipality books a slot two days from now.
    const { client: resident, userId: residentId } = await app.clientAs(Role.RESIDENT);
    const lesznoBooking = await book(resident, await leszno.slot({ daysAhead: 2 }));
    const { client: czerwionkaResident, userId: czerwionkaResidentId } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    const czerwionkaBooking = await book(czerwionkaResident, await czerwionka.slot({ daysAhead: 2 }));
    // Baubles (return deadline in 10 days) with a greeting.
    const { createBaubleCampaign: campaign } = await staff.ok(`mutation($input: CampaignInput!) { createBaubleCampaign(input: $input) { id pickupWindows { id } } }`, {
      input: {
        year: 2050, title: 'Choinka', baublesPrepared: 10, limitOrganization: 10, limitInstitution: 8, limitResident: 3, pickupPlace: 'Biuro', treeEventPlace: 'Rynek',
        pickupWindows: [{ startsAt: later(DAY).toISOString(), endsAt: later(DAY + 3_600_000).toISOString() }],
        returnDeadline: later(10 * DAY).toISOString(), treeEventAt: later(11 * DAY).toISOString(),
      },
    });
    await staff.ok(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: OPEN) { id } }`, { id: campaign.id });
    const { signUpForBaubles: signup } = await resident.ok(`mutation($input: BaubleSignupInput!) { signUpForBaubles(input: $input) { id } }`, {
      input: { campaignId: campaign.id, kind: 'RESIDENT', quantity: 2, pickupWindowId: campaign.pickupWindows[0].id },
    });
    await resident.ok(`mutation($input: GreetingInput!) { postGreeting(input: $input) { id } }`, { input: { campaignId: campaign.id, text: 'Wesołych świąt!' } });
    // Speed dating in a week.
    const { createSpeedDatingSession: session } = await staff.ok(`mutation($input: SessionInput!) { createSpeedDatingSession(input: $input) { id } }`, {
      input: { title: 'Randki', startsAt: later(7 * DAY).toISOString(), place: 'Ratusz', roundCount: 2, registrationClosesAt: later(6 * DAY).toISOString() },
    });
    const { client: official } = await app.clientAs(Role.OFFICIAL, { displayName: 'Urzędniczka Testowa' });
    await official.ok(`mutation($input: RegisterInput!) { registerForSpeedDating(input: $input) { id } }`, { input: { sessionId: session.id, side: 'OFFICIAL', shareContacts: true } });
    // A fair in three weeks.
    const { createFair: fair } = await staff.ok(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, {
      input: {
        name: 'Targi', venue: 'Rynek', opensAt: later(20 * DAY).toISOString(), closesAt: later(20 * DAY + 6 * 3_600_000).toISOString(),
        applicationsOpenAt: later(-DAY).toISOString(), applicationsCloseAt: later(10 * DAY).toISOString(), planWidth: 40, planHeight: 20,
      },
    });
    await staff.ok(`mutation($id: ID!) { setFairStatus(id: $id, status: APPLICATIONS_OPEN) { id } }`, { id: fair.id });
    const member = await app.organizationMember();
    await member.client.ok(`mutation($input: FairApplicationInput!) { applyForStand(input: $input) { id } }`, {
      input: { fairId: fair.id, organizationId: member.organizationId, activity: 'Pokazy i rozmowy.', contactName: 'Osoba Kontaktowa', contactPhone: '+48 600 100 200' },
    });

    const state = async () => ({
      lesznoBooking: (await one(`select user_id from booking where id = ?`, [lesznoBooking])).user_id,
      czerwionkaBooking: (await one(`select user_id from booking where id = ?`, [czerwionkaBooking])).user_id,
      signup: (await one(`select user_id from bauble_signup where id = ?`, [signup.id])).user_id,
      signupHistoryActors: (await one(`select count(actor_id)::int as n from bauble_signup_event where signup_id = ?`, [signup.id])).n,
      greetings: (await one(`select count(*)::int as n from greeting where campaign_id = ?`, [campaign.id])).n,
      participant: await one(`select name, user_id is not null as linked, share_contacts from speed_dating_participant where session_id = ?`, [session.id]),
      application: await one(`select contact_name, contact_phone, submitted_by_id is not null as linked from fair_application where fair_id = ?`, [fair.id]),
      lesznoMessages: (await one(`select count(*)::int as n from outbox_message where municipality_id = ?`, [await app.municipalityId('leszno')])).n,
      czerwionkaMessages: (await one(`select count(*)::int as n from outbox_message where municipality_id = ?`, [await app.municipalityId('czerwionka-leszczyny')])).n,
    });
    const fresh = await state();
    expect(fresh).toMatchObject({
      lesznoBooking: residentId, czerwionkaBooking: czerwionkaResidentId, signup: residentId, signupHistoryActors: 1, greetings: 1,
      participant: { name: 'Urzędniczka Testowa', linked: true, share_contacts: true },
      application: { contact_name: 'Osoba Kontaktowa', contact_phone: '+48 600 100 200', linked: true },
    });
    expect(fresh.lesznoMessages).toBeGreaterThan(0);
    expect(fresh.czerwionkaMessages).toBeGreaterThan(0);

    // Today, and in two months: nothing is old enough.
    expect(await runRetention(app.em())).toMatchObject({ bookings: 0, messages: 0, accounts: 0 });
    expect(await runRetention(app.em(), later(2 * MONTH))).toMatchObject({ bookings: 0, messages: 0 });
    expect(await state()).toEqual(fresh);

    // In four months Leszno's messages (3 months) are gone; Czerwionka's (6 months) stay.
    expect(await runRetention(app.em(), later(4 * MONTH))).toMatchObject({ messages: fresh.lesznoMessages, bookings: 0 });
    expect(await state()).toEqual({ ...fresh, lesznoMessages: 0 });

    // Eleven months on, Czerwionka's messages (6 months) are gone too, but the events are not a year old yet.
    expect(await runRetention(app.em(), later(11 * MONTH))).toEqual({
      bookings: 0, baubleSignups: 0, greetings: 0, speedDatingParticipants: 0, fairApplications: 0, messages: fresh.czerwionkaMessages, accounts: 0,
    });
    expect(await state()).toEqual({ ...fresh, lesznoMessages: 0, czerwionkaMessages: 0 });

    // Thirteen months on, Leszno's event data is erased; the records stay. Czerwionka keeps its booking (24 months).
    const outcome = await runRetention(app.em(), later(13 * MONTH));
    expect(outcome).toEqual({
      bookings: 1, baubleSignups: 1, greetings: 1, speedDatingParticipants: 1, fairApplications: 1, messages: 0, accounts: 0,
    });
    expect(await state()).toEqual({
      lesznoBooking: null, czerwionkaBooking: czerwionkaResidentId, signup: null, signupHistoryActors: 0, greetings: 0,
      participant: { name: '', linked: false, share_contacts: false },
      application: { contact_name: '', contact_phone: '', linked: false },
      lesznoMessages: 0, czerwionkaMessages: 0,
    });
    expect(await one(`select status, party_size from booking where id = ?`, [lesznoBooking])).toEqual({ status: 'CONFIRMED', party_size: 1 });
    expect((await one(`select status from bauble_signup where id = ?`, [signup.id])).status).toBe('RESERVED');
    // A second run finds nothing left to do.
    expect(await runRetention(app.em(), later(13 * MONTH))).toEqual({ bookings: 0, baubleSignups: 0, greetings: 0, speedDatingParticipants: 0, fairApplications: 0, messages: 0, accounts: 0 });
  });

  test('erases resident and official accounts not signed in for longer than the setting, as their owners’ deletion would', async () => {
    const monthsAgo = (n: number) => monthsBefore(new Date(), n);
    const lastSignIn = (userId: string, at: Date) => sql(`update "user" set last_sign_in_at = ? where id = ?`, [at, userId]);
    const signOut = (userId: string) => sql(`delete from session where user_id = ?`, [userId]);

    // Inactive for 25 months, with a future booking and someone waiting for the seat.
    const { client: gone, userId: goneId } = await app.clientAs(Role.RESIDENT);
    const scarce = await leszno.slot({ capacity: 1, maxPartySize: 1 });
    const goneBooking = await book(gone, scarce);
    const { client: waiter } = await app.clientAs(Role.RESIDENT);
    const waiting = (await waiter.ok(`mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status } }`, { input: { slotId: scarce, partySize: 1 } })).bookOpenDaysSlot;
    expect(waiting.status).toBe('WAITLISTED');
    await lastSignIn(goneId, monthsAgo(25));
    await signOut(goneId);
    // An official, inactive for 30 months.
    const { userId: officialId } = await app.clientAs(Role.OFFICIAL);
    await lastSignIn(officialId, monthsAgo(30));
    await signOut(officialId);
    // Kept: inactive for 23 months; staff; someone with a live session; another municipality (36 months).
    const { userId: recentId } = await app.clientAs(Role.RESIDENT);
    await lastSignIn(recentId, monthsAgo(23));
    await signOut(recentId);
    const { userId: staffId } = await app.clientAs(Role.STAFF);
    await lastSignIn(staffId, monthsAgo(30));
    await signOut(staffId);
    const { userId: stillSignedInId } = await app.clientAs(Role.RESIDENT);
    await lastSignIn(stillSignedInId, monthsAgo(30));
    const { userId: czerwionkaId } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    await lastSignIn(czerwionkaId, monthsAgo(30));
    await signOut(czerwionkaId);

    expect((await runRetention(app.em())).accounts).toBe(2);
    const erased = async (id: string) => (await one(`select erased_at is not null and email is null and password_hash is null and display_name = '' as erased from "user" where id = ?`, [id])).erased;
    expect([await erased(goneId), await erased(officialId)]).toEqual([true, true]);
    expect([await erased(recentId), await erased(staffId), await erased(stillSignedInId), await erased(czerwionkaId)]).toEqual([false, false, false, false]);
    // The erased resident's booking was cancelled by the Open Days module: the waiting person has the seat.
    expect((await one(`select status from booking where id = ?`, [goneBooking])).status).toBe('CANCELLED');
    expect((await one(`select status from booking where id = ?`, [waiting.id])).status).toBe('CONFIRMED');
    expect((await runRetention(app.em())).accounts).toBe(0);
  });
});
