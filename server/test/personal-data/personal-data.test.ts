import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, TEST_PASSWORD, TestClient, type TestApp } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from '../open-days/world.js';

let app: TestApp;
let world: OpenDaysWorld;
let staff: TestClient;
beforeAll(async () => {
  app = await startTestApp();
  world = await openDaysWorld(app);
  staff = world.staff;
});
afterAll(() => app.close());

const DAY = 24 * 3600_000;
const EXPORT = `{ myPersonalData }`;
const DELETE = `mutation($input: DeleteAccountInput!) { deleteMyAccount(input: $input) }`;
const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status code } }`;
const SIGN_UP_BAUBLES = `mutation($input: BaubleSignupInput!) { signUpForBaubles(input: $input) { id status code } }`;
const REGISTER = `mutation($input: RegisterInput!) { registerForSpeedDating(input: $input) { id } }`;

const sql = <T = Record<string, any>>(query: string, params: unknown[] = []) => app.em().getConnection().execute<T[]>(query, params);
const one = async <T = Record<string, any>>(query: string, params: unknown[] = []) => (await sql<T>(query, params))[0]!;
const book = async (client: TestClient, slotId: string, partySize = 1) =>
  (await client.ok(BOOK, { input: { slotId, partySize, waitlistIfFull: true } })).bookOpenDaysSlot as { id: string; status: string; code: string };

let campaignYear = 2040;
async function openCampaign(baublesPrepared: number) {
  const { createBaubleCampaign } = await staff.ok(`mutation($input: CampaignInput!) { createBaubleCampaign(input: $input) { id pickupWindows { id } } }`, {
    input: {
      year: campaignYear++, title: 'Wspólne ubieranie choinki', baublesPrepared, limitOrganization: 10, limitInstitution: 8, limitResident: 3,
      pickupPlace: 'Biuro NGO', treeEventPlace: 'Rynek',
      pickupWindows: [{ startsAt: new Date(Date.now() + DAY).toISOString(), endsAt: new Date(Date.now() + DAY + 4 * 3600_000).toISOString() }],
      returnDeadline: new Date(Date.now() + 10 * DAY).toISOString(), treeEventAt: new Date(Date.now() + 11 * DAY).toISOString(),
    },
  });
  await staff.ok(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: OPEN) { id } }`, { id: createBaubleCampaign.id });
  return { id: createBaubleCampaign.id as string, windowId: createBaubleCampaign.pickupWindows[0].id as string };
}
const signUpForBaubles = async (client: TestClient, campaign: { id: string; windowId: string }, quantity: number) =>
  (await client.ok(SIGN_UP_BAUBLES, { input: { campaignId: campaign.id, kind: 'RESIDENT', quantity, pickupWindowId: campaign.windowId } })).signUpForBaubles as { id: string; status: string };

async function speedDatingSession() {
  const { createSpeedDatingSession } = await staff.ok(`mutation($input: SessionInput!) { createSpeedDatingSession(input: $input) { id } }`, {
    input: { title: 'Randki obywatelskie', startsAt: new Date(Date.now() + 7 * DAY).toISOString(), place: 'Ratusz', roundCount: 3, registrationClosesAt: new Date(Date.now() + 6 * DAY).toISOString() },
  });
  return createSpeedDatingSession.id as string;
}

async function openFair() {
  const { createFair } = await staff.ok(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, {
    input: {
      name: 'Targi NGO', venue: 'Rynek', opensAt: new Date(Date.now() + 20 * DAY).toISOString(), closesAt: new Date(Date.now() + 20 * DAY + 6 * 3600_000).toISOString(),
      applicationsOpenAt: new Date(Date.now() - DAY).toISOString(), applicationsCloseAt: new Date(Date.now() + 10 * DAY).toISOString(), planWidth: 40, planHeight: 20,
    },
  });
  await staff.ok(`mutation($id: ID!) { setFairStatus(id: $id, status: APPLICATIONS_OPEN) { id } }`, { id: createFair.id });
  return createFair.id as string;
}

/**
 * A resident who is a member of an organisation and takes part in everything: a confirmed booking and
 * a place on a waiting list, a bauble sign-up and a greeting, speed dating with consent to share
 * contacts, a fair application with a contact person, and a calendar feed.
 */
async function busyPerson(name: string) {
  const person = await app.organizationMember({ displayName: name, name: `Fundacja ${name}` });
  await sql(`update "user" set phone = '+48 600 111 222' where id = ?`, [person.userId]);
  const confirmed = await book(person.client, await world.slot({ capacity: 5 }));
  const full = await world.slot({ capacity: 1, maxPartySize: 1 });
  await book((await app.clientAs(Role.RESIDENT)).client, full);
  const waiting = await book(person.client, full);
  const campaign = await openCampaign(10);
  const signup = await signUpForBaubles(person.client, campaign, 2);
  await person.client.ok(`mutation($input: GreetingInput!) { postGreeting(input: $input) { id } }`, { input: { campaignId: campaign.id, text: `Wesołych świąt od ${name}!` } });
  const sessionId = await speedDatingSession();
  await person.client.ok(REGISTER, { input: { sessionId, side: 'NGO', organizationId: person.organizationId, shareContacts: true } });
  await person.client.ok(`mutation($input: FairApplicationInput!) { applyForStand(input: $input) { id } }`, {
    input: { fairId: await openFair(), organizationId: person.organizationId, activity: 'Pokazy i rozmowy.', contactName: `${name} Kontakt`, contactPhone: '+48 600 333 444' },
  });
  const { enableOpenDaysCalendar } = await person.client.ok(`mutation { enableOpenDaysCalendar { calendarPath } }`);
  return { ...person, confirmed, waiting, campaign, signup, sessionId, calendarPath: enableOpenDaysCalendar.calendarPath as string };
}

describe('downloading my data', () => {
  test('the export holds everything stored about me, nothing about anyone else, and no secrets', async () => {
    const me = await busyPerson('Alicja Eksportowa');
    const other = await busyPerson('Bogdan Obcy');
    const email = (await one(`select email from "user" where id = ?`, [me.userId])).email as string;
    const text = (await me.client.ok(EXPORT)).myPersonalData as string;
    const data = JSON.parse(text);

    expect(data.format).toBe('razem-personal-data/1');
    expect(data.account).toMatchObject({ id: me.userId, email, displayName: 'Alicja Eksportowa', phone: '+48 600 111 222', role: 'RESIDENT' });
    expect(data.organizationMemberships).toEqual([expect.objectContaining({ role: 'OWNER', organization: expect.objectContaining({ name: 'Fundacja Alicja Eksportowa' }) })]);
    expect(data.openDaysBookings.map((b: any) => [b.code, b.status])).toEqual(expect.arrayContaining([[me.confirmed.code, 'CONFIRMED'], [me.waiting.code, 'WAITLISTED']]));
    expect(data.openDaysBookings[0].activity).toEqual({ title: 'Warsztaty ceramiki', organization: expect.any(String) });
    expect(data.baubleSignups).toEqual([expect.objectContaining({ status: 'RESERVED', quantity: 2, history: [expect.objectContaining({ to: 'RESERVED', byYou: true })] })]);
    expect(data.greetings).toEqual([expect.objectContaining({ text: 'Wesołych świąt od Alicja Eksportowa!' })]);
    expect(data.speedDating).toEqual([expect.objectContaining({ nameShown: 'Alicja Eksportowa', side: 'NGO', shareContacts: true })]);
    expect(data.fairApplications).toEqual([expect.objectContaining({ contactName: 'Alicja Eksportowa Kontakt', contactPhone: '+48 600 333 444' })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]).toEqual({ startedAt: expect.any(String), expiresAt: expect.any(String) });
    expect(data.calendarFeed).toEqual({ enabledAt: expect.any(String) });
    expect(data.messages.map((m: any) => m.kind)).toEqual(expect.arrayContaining(['booking.confirmed', 'booking.waitlisted', 'baubles.reserved']));
    // A booking's message is exported as its recipient reads it (it is queued as facts, rendered when read).
    const confirmation = data.messages.filter((m: any) => m.kind === 'booking.confirmed' && m.body.includes(`Kod rezerwacji: ${me.confirmed.code}`));
    expect(confirmation).toEqual([expect.objectContaining({ subject: 'Potwierdzenie rezerwacji: Warsztaty ceramiki' })]);

    // Nothing of the other person…
    const otherEmail = (await one(`select email from "user" where id = ?`, [other.userId])).email as string;
    for (const theirs of [other.userId, otherEmail, 'Bogdan Obcy', other.confirmed.code, other.organizationName]) expect(text).not.toContain(theirs);
    // …and no secrets: no password hash, no session token or its hash, no calendar token.
    const token = decodeURIComponent(me.client.cookie!.split('=')[1]!);
    const tokenHash = (await one(`select token_hash from session where user_id = ?`, [me.userId])).token_hash as string;
    const passwordHash = (await one(`select password_hash from "user" where id = ?`, [me.userId])).password_hash as string;
    for (const secret of [token, tokenHash, passwordHash, '$argon2', me.calendarPath.replace(/^\/calendar\/|\.ics$/g, '')]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/passwordHash|tokenHash|token/);
  });

  test('a message to me that no template can write is exported by its kind, and the export still answers', async () => {
    const { client, email } = await app.clientAs(Role.RESIDENT);
    await sql(`insert into outbox_message (id, municipality_id, recipient, kind, facts, created_at) values (gen_random_uuid(), ?, ?, 'test.no-template', '{"code":"KAD234"}', now())`, [
      await app.municipalityId('leszno'), email,
    ]);
    const data = JSON.parse((await client.ok(EXPORT)).myPersonalData as string);
    expect(data.messages).toEqual([expect.objectContaining({ kind: 'test.no-template', subject: 'test.no-template', body: '' })]);
  });

  test('only for someone signed in', async () => {
    expect((await app.client().fails(EXPORT)).extensions?.code).toBe('UNAUTHENTICATED');
    // A session of another municipality is anonymous here.
    const { client } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    client.municipality = 'leszno';
    expect((await client.fails(EXPORT)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('deleting my account', () => {
  test('a wrong password is refused and changes nothing', async () => {
    const me = await busyPerson('Cezary Rozmyślny');
    const snapshot = () => sql(`
      select (select row_to_json(u) from "user" u where u.id = ?) as account,
        (select json_agg(b.status order by b.id) from booking b where b.user_id = ?) as bookings,
        (select json_agg(s.status) from bauble_signup s where s.user_id = ?) as signups,
        (select count(*) from session where user_id = ?)::int as sessions,
        (select count(*) from membership where user_id = ?)::int as memberships,
        (select bool_and(share_contacts) from speed_dating_participant where user_id = ?) as consent`, Array(6).fill(me.userId));
    const before = await snapshot();
    const wrong = await me.client.fails(DELETE, { input: { password: 'not-my-password' } });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'password', code: 'wrongPassword', message: expect.any(String) }] });
    expect(await snapshot()).toEqual(before);
    expect((await me.client.ok(`{ me { id } }`)).me).toEqual({ id: me.userId });
    expect((await app.client().fails(DELETE, { input: { password: TEST_PASSWORD } })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('cancels through each module, promotes the waiting lists, erases the person, keeps the anonymous counts and signs out everywhere', async () => {
    const me = await busyPerson('Danuta Odchodząca');
    const email = (await one(`select email from "user" where id = ?`, [me.userId])).email as string;
    const secondDevice = await new TestClient(app.url, 'leszno').signIn(email);

    // A slot where I hold the only seat and someone waits.
    const scarce = await world.slot({ capacity: 1, maxPartySize: 1 });
    const mine = await book(me.client, scarce);
    const { client: waiter, userId: waiterId } = await app.clientAs(Role.RESIDENT, { displayName: 'Edward Czekający' });
    const waiting = await book(waiter, scarce);
    expect([mine.status, waiting.status]).toEqual(['CONFIRMED', 'WAITLISTED']);

    // A booking in the past that the organiser checked in: it stays in the staff's totals.
    const past = await world.slot({ capacity: 3, daysAhead: 9 });
    const attended = await book(me.client, past);
    await sql(`update slot set starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '1 hour' where id = ?`, [past]);
    await sql(`update booking set starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '1 hour' where id = ?`, [attended.id]);
    await world.organizer.ok(`mutation($input: AttendanceInput!) { markOpenDaysAttendance(input: $input) { id } }`, { input: { bookingId: attended.id, attendance: 'ATTENDED' } });

    // Baubles: I hold the last three, someone waits for two.
    const scarceBaubles = await openCampaign(3);
    const myBaubles = await signUpForBaubles(me.client, scarceBaubles, 3);
    const { client: baubleWaiter } = await app.clientAs(Role.RESIDENT);
    const waitingBaubles = await signUpForBaubles(baubleWaiter, scarceBaubles, 2);
    expect([myBaubles.status, waitingBaubles.status]).toEqual(['RESERVED', 'WAITLISTED']);

    // Speed dating with a plan: an official across the table.
    const { client: official } = await app.clientAs(Role.OFFICIAL);
    await official.ok(REGISTER, { input: { sessionId: me.sessionId, side: 'OFFICIAL', shareContacts: true } });
    await staff.ok(`mutation($id: ID!) { planSpeedDating(sessionId: $id) { newPairs } }`, { id: me.sessionId });
    const PLAN = `query($id: ID!) { speedDatingSession(id: $id) { plan { round stays moves } } }`;
    expect((await staff.ok(PLAN, { id: me.sessionId })).speedDatingSession.plan.length).toBeGreaterThan(0);

    const TOTALS = `query($id: ID!) { openDaysTotals(editionId: $id) { byOrganization { confirmedSeats waitlistedSeats attendedSeats } } }`;
    const totalsBefore = (await staff.ok(TOTALS, { id: world.editionId })).openDaysTotals.byOrganization[0];
    const bookingRowsBefore = (await one(`select count(*)::int as n from booking where user_id = ?`, [me.userId])).n;

    expect((await me.client.ok(DELETE, { input: { password: TEST_PASSWORD } })).deleteMyAccount).toBe(true);
    expect(me.client.cookie).toBeUndefined();

    // Open Days: my future bookings are cancelled; the person waiting got my seat and was told.
    const status = async (id: string) => (await one(`select status from booking where id = ?`, [id])).status;
    expect([await status(mine.id), await status(me.confirmed.id), await status(me.waiting.id)]).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(await one(`select status, user_id from booking where id = ?`, [waiting.id])).toEqual({ status: 'CONFIRMED', user_id: waiterId });
    const told = (await app.messages()).filter((m) => m.body.includes(waiting.code));
    expect(told.map((m) => m.kind)).toEqual(['booking.waitlisted', 'booking.promoted']);
    expect(told[1]!.recipient).not.toBe(email);
    // The past, attended booking stays (anonymous, pointing at the tombstone), and so do the staff's totals.
    expect(await one(`select status, attendance, user_id from booking where id = ?`, [attended.id])).toEqual({ status: 'CONFIRMED', attendance: 'ATTENDED', user_id: me.userId });
    expect((await one(`select count(*)::int as n from booking where user_id = ?`, [me.userId])).n).toBe(bookingRowsBefore);
    const totalsAfter = (await staff.ok(TOTALS, { id: world.editionId })).openDaysTotals.byOrganization[0];
    expect(totalsAfter).toEqual({ ...totalsBefore, confirmedSeats: totalsBefore.confirmedSeats - 2 + 1, waitlistedSeats: totalsBefore.waitlistedSeats - 2 });

    // Baubles: my sign-ups are cancelled and the stock went to the waiting list.
    expect((await one(`select status from bauble_signup where id = ?`, [myBaubles.id])).status).toBe('CANCELLED');
    expect((await one(`select status from bauble_signup where id = ?`, [me.signup.id])).status).toBe('CANCELLED');
    expect((await one(`select status from bauble_signup where id = ?`, [waitingBaubles.id])).status).toBe('RESERVED');
    expect((await one(`select baubles_in_stock from bauble_campaign where id = ?`, [scarceBaubles.id])).baubles_in_stock).toBe(1);
    expect((await one(`select baubles_in_stock from bauble_campaign where id = ?`, [me.campaign.id])).baubles_in_stock).toBe(10);

    // Speed dating: consent withdrawn, left the session (re-planned without me), name gone.
    expect(await sql(`select name, user_id, share_contacts, presence from speed_dating_participant where session_id = ? and side = 'NGO'`, [me.sessionId]))
      .toEqual([{ name: '', user_id: null, share_contacts: false, presence: 'LEFT' }]);
    expect((await staff.ok(PLAN, { id: me.sessionId })).speedDatingSession.plan).toEqual([]);

    // The account is a tombstone; what only concerned me is gone.
    expect(await one(`select email, password_hash, display_name, phone, department, erased_at is not null as erased from "user" where id = ?`, [me.userId]))
      .toEqual({ email: null, password_hash: null, display_name: '', phone: null, department: null, erased: true });
    for (const table of ['session', 'membership', 'greeting', 'calendar_feed']) {
      expect((await one(`select count(*)::int as n from ${table} where user_id = ?`, [me.userId])).n, table).toBe(0);
    }
    expect((await one(`select count(*)::int as n from outbox_message where recipient = ?`, [email])).n).toBe(0);
    expect(await sql(`select contact_name, contact_phone, submitted_by_id from fair_application where organization_id = ?`, [me.organizationId]))
      .toEqual([{ contact_name: '', contact_phone: '', submitted_by_id: null }]);

    // Signed out on every device; the email and password no longer open anything.
    expect((await secondDevice.ok(`{ me { id } }`)).me).toBeNull();
    expect((await app.client().fails(`mutation($input: SignInInput!) { signIn(input: $input) { id } }`, { input: { email, password: TEST_PASSWORD } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(new URL(me.calendarPath, app.url))).status).toBe(404);
    // The address is free again for a new account.
    await app.client().ok(`mutation($input: SignUpInput!) { signUp(input: $input) { id } }`, { input: { email, password: TEST_PASSWORD, displayName: 'Danuta Wracająca' } });
  });
  test('a failure halfway stores nothing: the cancellations and promotions roll back with it', async () => {
    const me = await busyPerson('Felicja Niedokończona');
    const scarce = await world.slot({ capacity: 1, maxPartySize: 1 });
    const mine = await book(me.client, scarce);
    const waiting = await book((await app.clientAs(Role.RESIDENT)).client, scarce);
    const snapshot = () => sql(`
      select (select row_to_json(u) from "user" u where u.id = ?) as account,
        (select json_agg(json_build_array(b.id, b.status) order by b.id) from booking b where b.slot_id = ? or b.user_id = ?) as bookings,
        (select json_agg(json_build_array(s.id, s.status)) from bauble_signup s where s.user_id = ?) as signups,
        (select count(*) from session where user_id = ?)::int as sessions,
        (select count(*) from outbox_message)::int as messages,
        (select json_agg(json_build_array(p.presence, p.share_contacts)) from speed_dating_participant p where p.user_id = ?) as dating`,
      [me.userId, scarce, me.userId, me.userId, me.userId, me.userId]);
    const before = await snapshot();
    // The very last step (the tombstone) fails, after every module has cancelled its part.
    await sql(`create function refuse_erase() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await sql(`create trigger refuse_erase before update on "user" for each row when (new.erased_at is not null) execute function refuse_erase()`);
    try {
      const failed = await me.client.request(DELETE, { input: { password: TEST_PASSWORD } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql(`drop trigger refuse_erase on "user"`);
      await sql(`drop function refuse_erase()`);
    }
    expect(await snapshot()).toEqual(before);
    expect([(await one(`select status from booking where id = ?`, [mine.id])).status, (await one(`select status from booking where id = ?`, [waiting.id])).status]).toEqual(['CONFIRMED', 'WAITLISTED']);
    expect((await me.client.ok(`{ me { id } }`)).me).toEqual({ id: me.userId });
  });

  test('live subscribers see the seats freed, after the deletion has committed', async () => {
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    const slotId = await world.slot({ capacity: 2, maxPartySize: 2 });
    await book(client, slotId, 2);
    const socket = createClient({ url: app.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { municipality: 'leszno' }, lazy: false });
    const heard = new Promise<unknown>((resolve, reject) => {
      const stop = socket.subscribe(
        { query: `subscription($e: ID!) { openDaysSeatsChanged(editionId: $e) { slotId seatsLeft waitlisted } }`, variables: { e: world.editionId } },
        { next: (message) => { stop(); resolve(message.data); }, error: reject, complete: () => {} },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.ok(DELETE, { input: { password: TEST_PASSWORD } });
    expect(await heard).toEqual({ openDaysSeatsChanged: { slotId, seatsLeft: 2, waitlisted: 0 } });
    await socket.dispose();
    expect((await one(`select erased_at is not null as erased from "user" where id = ?`, [userId])).erased).toBe(true);
  });
});

describe('retention settings', () => {
  const SETTINGS = `{ retentionSettings { eventDataMonths inactiveAccountMonths messageMonths updatedAt } }`;
  const UPDATE = `mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { eventDataMonths inactiveAccountMonths messageMonths updatedAt } }`;
  const input = { eventDataMonths: 18, inactiveAccountMonths: 30, messageMonths: 3 };

  test('defaults until staff set them; everyone may read them (the privacy notice shows them)', async () => {
    expect((await app.client().ok(SETTINGS)).retentionSettings).toEqual({ eventDataMonths: 24, inactiveAccountMonths: 36, messageMonths: 6, updatedAt: null });
  });

  test('staff of the municipality set them; residents, anonymous callers and staff of another municipality may not', async () => {
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(UPDATE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(UPDATE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const { client: otherStaff } = await app.clientAs(Role.STAFF, { municipality: 'czerwionka-leszczyny' });
    otherStaff.municipality = 'leszno';
    expect((await otherStaff.fails(UPDATE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.client().ok(SETTINGS)).retentionSettings.updatedAt).toBeNull();

    const bad = await staff.fails(UPDATE, { input: { eventDataMonths: 0, inactiveAccountMonths: 3, messageMonths: 61 } });
    expect(bad.extensions?.fields?.map((f) => f.field).sort()).toEqual(['eventDataMonths', 'inactiveAccountMonths', 'messageMonths']);

    expect((await staff.ok(UPDATE, { input })).updateRetentionSettings).toEqual({ ...input, updatedAt: expect.any(String) });
    expect((await app.client().ok(SETTINGS)).retentionSettings).toMatchObject(input);
    // Czerwionka keeps its own (the defaults).
    otherStaff.municipality = 'czerwionka-leszczyny';
    expect((await otherStaff.ok(SETTINGS)).retentionSettings).toMatchObject({ eventDataMonths: 24, updatedAt: null });
  });
});
