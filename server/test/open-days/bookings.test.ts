import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from './world.js';

let app: TestApp;
let world: OpenDaysWorld;
beforeAll(async () => {
  app = await startTestApp();
  world = await openDaysWorld(app);
});
afterAll(() => app.close());

const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status partySize code queueNumber slot { id seatsLeft waitlisted } } }`;
const CANCEL = `mutation($id: ID!) { cancelOpenDaysBooking(id: $id) { id status slot { seatsLeft waitlisted } } }`;
const book = (client: TestClient, slotId: string, partySize = 1, waitlistIfFull = true) =>
  client.request(BOOK, { input: { slotId, partySize, waitlistIfFull } });
const resident = async () => (await app.clientAs(Role.RESIDENT)).client;
const statusOf = async (id: string) =>
  (await app.em().getConnection().execute<{ status: string }[]>('select status from booking where id = ?', [id]))[0]!.status;
const messagesOf = async (bookingCode: string) => (await app.messages()).filter((m) => m.body.includes(bookingCode)).map((m) => m.kind);

describe('booking', () => {
  test('confirmed while seats remain, then the waiting list in arrival order', async () => {
    const slotId = await world.slot({ capacity: 3, maxPartySize: 3 });
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const first = (await book(a, slotId, 2)).data!.bookOpenDaysSlot;
    expect(first).toMatchObject({ status: 'CONFIRMED', partySize: 2, queueNumber: null, slot: { seatsLeft: 1, waitlisted: 0 } });
    expect(first.code).toMatch(/^[A-Z2-9]{6}$/);
    const second = (await book(b, slotId, 2)).data!.bookOpenDaysSlot;
    expect(second).toMatchObject({ status: 'WAITLISTED', queueNumber: 1, slot: { seatsLeft: 1, waitlisted: 1 } });
    const third = (await book(c, slotId, 1)).data!.bookOpenDaysSlot;
    expect(third).toMatchObject({ status: 'CONFIRMED', slot: { seatsLeft: 0, waitlisted: 1 } });
    expect(await messagesOf(first.code)).toEqual(['booking.confirmed']);
    expect(await messagesOf(second.code)).toEqual(['booking.waitlisted']);
  });

  test('the confirmation and the waiting-list message tell the booker what, when (Warsaw time), where, for how many, and the code', async () => {
    const slotId = await world.slot({ capacity: 2, maxPartySize: 2 });
    const [first, second] = [await app.clientAs(Role.RESIDENT), await app.clientAs(Role.RESIDENT)];
    const confirmed = (await book(first.client, slotId, 2)).data!.bookOpenDaysSlot;
    const waiting = (await book(second.client, slotId, 1)).data!.bookOpenDaysSlot;
    const [slot] = await app.em().getConnection().execute<{ title: string; place_street: string; place_postal_code: string; place_city: string; starts_at: string }[]>(
      'select a.title, a.place_street, a.place_postal_code, a.place_city, s.starts_at from slot s join activity a on a.id = s.activity_id where s.id = ?', [slotId],
    );
    const warsaw = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', ...options }).format(new Date(slot!.starts_at));
    const told = (await app.messages()).filter((m) => m.body.includes(confirmed.code) || m.body.includes(waiting.code));
    expect(told.map((m) => [m.kind, m.recipient])).toEqual([['booking.confirmed', first.email], ['booking.waitlisted', second.email]]);
    for (const [message, booking] of [[told[0]!, confirmed], [told[1]!, waiting]] as const) {
      expect(message.subject).toContain(slot!.title);
      expect(message.body).toContain(slot!.title);
      expect(message.body).toContain(`${slot!.place_street}, ${slot!.place_postal_code} ${slot!.place_city}`);
      expect(message.body).toContain(warsaw({ hour: '2-digit', minute: '2-digit' }));
      expect(message.body).toContain(` ${warsaw({ day: 'numeric' })} `);
      expect(message.body).toContain(`Liczba osób: ${booking.partySize}`);
      expect(message.body).toContain(`Kod rezerwacji: ${booking.code}`);
    }
  });

  test('a booking is one statement once the session is remembered', async () => {
    const client = await resident();
    const slotId = await world.slot({ capacity: 5 });
    await app.sessionRemembered(client);
    const booking = await app.countQueries(() => client.ok(`mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status code } }`, {
      input: { slotId, partySize: 1, waitlistIfFull: true },
    }));
    expect(booking).toBe(1);
    expect(await statusOf((await client.ok(`{ myOpenDaysBookings { id } }`)).myOpenDaysBookings[0].id)).toBe('CONFIRMED');
  });

  test('cancelling frees the seats and promotes waiting parties that fit, in the same transaction', async () => {
    const slotId = await world.slot({ capacity: 4, maxPartySize: 4 });
    const [a, b, c, d] = [await resident(), await resident(), await resident(), await resident()];
    const holder = (await book(a, slotId, 4)).data!.bookOpenDaysSlot;
    const big = (await book(b, slotId, 4)).data!.bookOpenDaysSlot;
    const small = (await book(c, slotId, 1)).data!.bookOpenDaysSlot;
    const tiny = (await book(d, slotId, 1)).data!.bookOpenDaysSlot;
    expect([big.status, small.status, tiny.status]).toEqual(['WAITLISTED', 'WAITLISTED', 'WAITLISTED']);
    const { cancelOpenDaysBooking } = await a.ok(CANCEL, { id: holder.id });
    expect(cancelOpenDaysBooking).toMatchObject({ status: 'CANCELLED', slot: { seatsLeft: 0, waitlisted: 2 } });
    expect(await statusOf(big.id)).toBe('CONFIRMED');
    expect([await statusOf(small.id), await statusOf(tiny.id)]).toEqual(['WAITLISTED', 'WAITLISTED']);
    expect(await messagesOf(big.code)).toEqual(['booking.waitlisted', 'booking.promoted']);
    expect(await messagesOf(holder.code)).toEqual(['booking.confirmed', 'booking.cancelled']);
  });

  test('a waiting party too big for the freed seats keeps its place while smaller ones behind it go in', async () => {
    const slotId = await world.slot({ capacity: 3, maxPartySize: 3 });
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const holder = (await book(a, slotId, 2)).data!.bookOpenDaysSlot;
    await book(await resident(), slotId, 1);
    const big = (await book(b, slotId, 3)).data!.bookOpenDaysSlot;
    const pair = (await book(c, slotId, 2)).data!.bookOpenDaysSlot;
    await a.ok(CANCEL, { id: holder.id });
    expect([await statusOf(big.id), await statusOf(pair.id)]).toEqual(['WAITLISTED', 'CONFIRMED']);
  });

  test('with waitlistIfFull false a full slot is a FULL conflict and nothing is stored', async () => {
    const slotId = await world.slot({ capacity: 1, maxPartySize: 1 });
    await book(await resident(), slotId, 1);
    const client = await resident();
    const error = (await book(client, slotId, 1, false)).errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'FULL' });
    expect((await client.ok(`{ myOpenDaysBookings { id } }`)).myOpenDaysBookings).toEqual([]);
  });

  test('two confirmed bookings may not overlap in time: the error names the clashing booking', async () => {
    const client = await resident();
    const morning = await world.slot({ capacity: 5, daysAhead: 3, hours: 2 });
    const first = (await book(client, morning)).data!.bookOpenDaysSlot;
    // A second activity at the same time.
    const { submitOpenDaysActivity: other } = await world.staff.ok(
      `mutation($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id } }`,
      { input: { editionId: world.editionId, organizationId: world.organizationId, title: 'Pokaz karate', type: 'SHOW', description: 'Pokaz i nauka podstaw karate.' } },
    );
    await world.staff.ok(`mutation($id: ID!) { reviewOpenDaysActivity(id: $id, status: APPROVED) { id } }`, { id: other.id });
    const [row] = await app.em().getConnection().execute<{ starts_at: string }[]>('select starts_at from slot where id = ?', [morning]);
    const startsAt = new Date(row!.starts_at);
    const { addOpenDaysSlot } = await world.organizer.ok(`mutation($input: SlotInput!) { addOpenDaysSlot(input: $input) { id } }`, {
      input: { activityId: other.id, startsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(), capacity: 5, maxPartySize: 2 },
    });
    const error = (await book(client, addOpenDaysSlot.id)).errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLASH', clashingBooking: { id: first.id, code: first.code, activityTitle: 'Warsztaty ceramiki' } });
    expect(error.message).toContain('Warsztaty ceramiki');
  });

  test('invalid bookings are refused with clear errors', async () => {
    const slotId = await world.slot({ capacity: 5, maxPartySize: 2 });
    const client = await resident();
    const tooMany = (await book(client, slotId, 3)).errors![0]!;
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'partySize', message: 'One booking may be for at most 2 people here.' })] });
    const single = await world.slot({ capacity: 5, maxPartySize: 1 });
    expect((await book(client, single, 2)).errors![0]!.message).toBe('partySize: One booking may be for at most 1 person here.');
    const zero = (await book(client, slotId, 0)).errors![0]!;
    expect(zero.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'partySize', code: 'min' })] });
    await book(client, slotId, 1);
    expect((await book(client, slotId, 1)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_BOOKED' });
    const dropIn = await world.slot({ capacity: null });
    expect((await book(client, dropIn)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DROP_IN' });
    expect((await book(client, '00000000-0000-4000-8000-000000000000')).errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });

  test('booking closes when the slot starts', async () => {
    const slotId = await world.slot({ capacity: 5 });
    await app.em().getConnection().execute(`update slot set starts_at = now() - interval '1 minute', ends_at = now() + interval '1 hour' where id = ?`, [slotId]);
    expect((await book(await resident(), slotId)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLOSED' });
  });

  test('anonymous users must sign in; nobody cancels someone else’s booking', async () => {
    const slotId = await world.slot({ capacity: 5 });
    expect((await book(app.client(), slotId)).errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    const owner = await resident();
    const booking = (await book(owner, slotId)).data!.bookOpenDaysSlot;
    expect((await (await resident()).fails(CANCEL, { id: booking.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await world.staff.fails(CANCEL, { id: booking.id })).extensions?.code).toBe('FORBIDDEN');
    expect(await statusOf(booking.id)).toBe('CONFIRMED');
    expect((await owner.ok(CANCEL, { id: booking.id })).cancelOpenDaysBooking.status).toBe('CANCELLED');
    expect((await owner.fails(CANCEL, { id: booking.id })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_ACTIVE' });
  });

  test('a slot of another municipality cannot be booked from here', async () => {
    const slotId = await world.slot({ capacity: 5 });
    const { client } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    expect((await book(client, slotId)).errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('organisers on the day', () => {
  test('see the attendee list, check people in by code, mark no-shows, and cancel with notice', async () => {
    const slotId = await world.slot({ capacity: 2, maxPartySize: 2 });
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const first = (await book(a, slotId, 1)).data!.bookOpenDaysSlot;
    const second = (await book(b, slotId, 1)).data!.bookOpenDaysSlot;
    const waiting = (await book(c, slotId, 1)).data!.bookOpenDaysSlot;
    const { openDaysSlotAttendees } = await world.organizer.ok(`query($slotId: ID!) { openDaysSlotAttendees(slotId: $slotId) { code status holderName partySize } }`, { slotId });
    expect(openDaysSlotAttendees.map((x: { code: string }) => x.code)).toEqual([first.code, second.code, waiting.code]);
    expect(openDaysSlotAttendees[0].holderName).toMatch(/^Test RESIDENT/);

    const CHECK_IN = `mutation($code: String!) { checkInOpenDaysBooking(code: $code) { attendance } }`;
    expect((await world.organizer.ok(CHECK_IN, { code: first.code.toLowerCase() })).checkInOpenDaysBooking.attendance).toBe('ATTENDED');
    expect((await world.organizer.fails(CHECK_IN, { code: 'ZZZZZZ' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'code' }] });
    expect((await world.organizer.fails(CHECK_IN, { code: waiting.code })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CONFIRMED' });
    const MARK = `mutation($input: AttendanceInput!) { markOpenDaysAttendance(input: $input) { attendance } }`;
    expect((await world.organizer.ok(MARK, { input: { bookingId: second.id, attendance: 'NO_SHOW' } })).markOpenDaysAttendance.attendance).toBe('NO_SHOW');

    // Outsiders may do none of it.
    const stranger = await resident();
    // A real code of someone else's activity answers exactly like a made-up one, so codes cannot be probed.
    const foreign = await stranger.fails(CHECK_IN, { code: second.code });
    const madeUp = await stranger.fails(CHECK_IN, { code: 'ZZZZZZ' });
    expect(foreign.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'code', code: 'unknownCode' }] });
    expect(JSON.stringify(foreign).replaceAll(second.code, 'X')).toBe(JSON.stringify(madeUp).replaceAll('ZZZZZZ', 'X'));
    expect((await app.client().fails(CHECK_IN, { code: second.code })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stranger.fails(MARK, { input: { bookingId: second.id, attendance: 'ATTENDED' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await stranger.fails(`query($slotId: ID!) { openDaysSlotAttendees(slotId: $slotId) { code } }`, { slotId })).extensions?.code).toBe('FORBIDDEN');
    // An unknown slot is not an empty list: the organiser's page says "not found".
    expect((await world.organizer.fails(`query($slotId: ID!) { openDaysSlotAttendees(slotId: $slotId) { code } }`, { slotId: randomUUID() })).extensions?.code).toBe('NOT_FOUND');

    const CANCEL_AS_ORGANIZER = `mutation($id: ID!) { cancelOpenDaysBookingAsOrganizer(id: $id) { status } }`;
    expect((await stranger.fails(CANCEL_AS_ORGANIZER, { id: second.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await world.organizer.ok(CANCEL_AS_ORGANIZER, { id: second.id })).cancelOpenDaysBookingAsOrganizer.status).toBe('CANCELLED_BY_ORGANIZER');
    expect(await statusOf(waiting.id)).toBe('CONFIRMED');
    expect(await messagesOf(second.code)).toEqual(['booking.confirmed', 'booking.cancelledByOrganizer']);
    expect(await messagesOf(waiting.code)).toEqual(['booking.waitlisted', 'booking.promoted']);
  });

  test('export the attendee list as CSV, and staff see totals and the attendance rate', async () => {
    const slotId = await world.slot({ capacity: 3 });
    const a = await resident();
    const booking = (await book(a, slotId, 2)).data!.bookOpenDaysSlot;
    await world.organizer.ok(`mutation($code: String!) { checkInOpenDaysBooking(code: $code) { id } }`, { code: booking.code });
    const { openDaysAttendeesCsv } = await world.organizer.ok(`query($id: ID!) { openDaysAttendeesCsv(activityId: $id) }`, { id: world.activityId });
    expect(openDaysAttendeesCsv.split('\r\n')[0]).toBe('slot_start,name,party_size,status,waiting_list_number,code,attendance');
    expect(openDaysAttendeesCsv).toContain(`${booking.code},ATTENDED`);
    expect((await a.fails(`query($id: ID!) { openDaysAttendeesCsv(activityId: $id) }`, { id: world.activityId })).extensions?.code).toBe('FORBIDDEN');

    const TOTALS = `query($id: ID!) { openDaysTotals(editionId: $id) { byOrganization { label slots confirmedSeats attendedSeats noShowSeats attendanceRate } byDay { key slots confirmedSeats } } }`;
    const { openDaysTotals } = await world.staff.ok(TOTALS, { id: world.editionId });
    const [row] = openDaysTotals.byOrganization;
    const [{ seats }] = await app.em().getConnection().execute<{ seats: number }[]>('select sum(seats_taken)::int as seats from slot');
    expect(row).toMatchObject({ label: expect.stringMatching(/^Fundacja Testowa/), confirmedSeats: seats });
    expect(row.attendedSeats).toBeGreaterThanOrEqual(2);
    expect(row.attendanceRate).toBeCloseTo(row.attendedSeats / (row.attendedSeats + row.noShowSeats));
    expect(openDaysTotals.byDay.reduce((n: number, d: { confirmedSeats: number }) => n + d.confirmedSeats, 0)).toBe(seats);
    expect(openDaysTotals.byDay[0].key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await world.organizer.fails(TOTALS, { id: world.editionId })).extensions?.code).toBe('FORBIDDEN');
  });
});
