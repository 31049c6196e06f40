import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { openDaysWorld } from './world.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface Row {
  id: string;
  status: string;
  party_size: number;
  queue_number: number | null;
}

const bookingsOf = (slotId: string) =>
  app.em().getConnection().execute<Row[]>('select id, status, party_size, queue_number from booking where slot_id = ? order by queue_number nulls first', [slotId]);
const slotRow = async (slotId: string) =>
  (await app.em().getConnection().execute<{ capacity: number; seats_taken: number }[]>('select capacity, seats_taken from slot where id = ?', [slotId]))[0]!;

/** The invariants that must hold after any mix of bookings and cancellations. */
async function expectConsistent(slotId: string) {
  const rows = await bookingsOf(slotId);
  const { capacity, seats_taken } = await slotRow(slotId);
  const confirmedSeats = rows.filter((r) => r.status === 'CONFIRMED').reduce((n, r) => n + r.party_size, 0);
  expect(confirmedSeats).toBe(seats_taken);
  expect(confirmedSeats).toBeLessThanOrEqual(capacity);
  // Promotion is greedy in arrival order: nobody still waiting would fit in the seats left.
  const waiting = rows.filter((r) => r.status === 'WAITLISTED');
  for (const w of waiting) expect(w.party_size).toBeGreaterThan(capacity - confirmedSeats);
  return { rows, confirmedSeats, waiting };
}

test('200 simultaneous bookings never overbook a slot, queue the rest in order, and cancellations promote correctly', async () => {
  const world = await openDaysWorld(app);
  const capacity = 60;
  const slotId = await world.slot({ capacity, maxPartySize: 4 });
  const residents = await app.clientsAs(Role.RESIDENT, 200);
  const partySize = (i: number) => (i % 4) + 1;

  const results = await Promise.all(
    residents.map(({ client }, i) =>
      client.request<{ bookOpenDaysSlot: { id: string; status: string; queueNumber: number | null } }>(
        `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status queueNumber } }`,
        { input: { slotId, partySize: partySize(i), waitlistIfFull: true } },
      ),
    ),
  );
  expect(results.filter((r) => r.errors)).toEqual([]);
  const { rows, confirmedSeats, waiting } = await expectConsistent(slotId);
  expect(rows).toHaveLength(200);
  // Parties of at most 4 fill a 60-seat slot to at least 57 before anyone waits for lack of room.
  expect(confirmedSeats).toBeGreaterThanOrEqual(capacity - 3);
  // Waiting-list numbers are the arrival order: 1..n without gaps or repeats.
  expect(waiting.map((w) => w.queue_number)).toEqual(waiting.map((_, i) => i + 1));

  // Cancel 30 confirmed bookings at once (each by its owner): freed seats go to the waiting list.
  const byBookingId = new Map(results.map((r, i) => [r.data!.bookOpenDaysSlot.id, residents[i]!.client]));
  const toCancel = rows.filter((r) => r.status === 'CONFIRMED').slice(0, 30);
  const cancelled = await Promise.all(
    toCancel.map((r) => byBookingId.get(r.id)!.request(`mutation($id: ID!) { cancelOpenDaysBooking(id: $id) { status } }`, { id: r.id })),
  );
  expect(cancelled.filter((r) => r.errors)).toEqual([]);
  const after = await expectConsistent(slotId);
  expect(after.confirmedSeats).toBeGreaterThanOrEqual(capacity - 3);
  const promoted = after.rows.filter((r) => r.status === 'CONFIRMED' && r.queue_number !== null);
  expect(promoted.length).toBeGreaterThan(0);
  // Promotions follow the queue: no promoted entry jumped an earlier one of the same or smaller size.
  const stillWaiting = after.rows.filter((r) => r.status === 'WAITLISTED');
  for (const p of promoted) {
    for (const w of stillWaiting) if (w.queue_number! < p.queue_number!) expect(w.party_size).toBeGreaterThan(p.party_size);
  }
  // Every promotion wrote its message in the same transaction.
  const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from outbox_message where kind = 'booking.promoted'`);
  expect(n).toBe(promoted.length);
});

test('the same person booking two overlapping slots at the same moment gets at most one', async () => {
  const world = await openDaysWorld(app);
  const first = await world.slot({ capacity: 10, daysAhead: 4, hours: 2 });
  const [{ starts_at }] = await app.em().getConnection().execute<{ starts_at: string }[]>('select starts_at from slot where id = ?', [first]);
  const { submitOpenDaysActivity: other } = await world.staff.ok(
    `mutation($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id } }`,
    { input: { editionId: world.editionId, organizationId: world.organizationId, title: 'Konsultacje prawne', type: 'CONSULTATION', description: 'Bezpłatne porady prawne dla mieszkańców.' } },
  );
  await world.staff.ok(`mutation($id: ID!) { reviewOpenDaysActivity(id: $id, status: APPROVED) { id } }`, { id: other.id });
  const start = new Date(starts_at);
  const { addOpenDaysSlot: second } = await world.organizer.ok(`mutation($input: SlotInput!) { addOpenDaysSlot(input: $input) { id } }`, {
    input: { activityId: other.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 10, maxPartySize: 1 },
  });
  const [{ client, userId }] = await app.clientsAs(Role.RESIDENT, 1);
  const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { status } }`;
  for (let round = 0; round < 5; round++) {
    const results = await Promise.all([first, second.id].map((slotId) => client.request(BOOK, { input: { slotId, partySize: 1, waitlistIfFull: true } })));
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from booking where status = 'CONFIRMED' and user_id = ?`, [userId]);
    expect(n).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBeGreaterThanOrEqual(1);
    await app.em().getConnection().execute(`delete from booking where slot_id in (?, ?)`, [first, second.id]);
    await app.em().getConnection().execute(`update slot set seats_taken = 0 where id in (?, ?)`, [first, second.id]);
  }
});

test('the same person pressing "book" on one slot ten times at once gets one booking; the others are told why', async () => {
  const world = await openDaysWorld(app);
  for (let round = 0; round < 5; round++) {
    const slotId = await world.slot({ capacity: round % 2 ? 1 : 10, daysAhead: 2 + round });
    const [{ client, userId }] = await app.clientsAs(Role.RESIDENT, 1);
    const results = await Promise.all(Array.from({ length: 10 }, () =>
      client.request(`mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { status } }`, { input: { slotId, partySize: 1, waitlistIfFull: true } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_BOOKED' });
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from booking where slot_id = ? and user_id = ?', [slotId, userId]);
    expect(n).toBe(1);
    const [{ seats }] = await app.em().getConnection().execute<{ seats: number }[]>('select seats_taken as seats from slot where id = ?', [slotId]);
    expect(seats).toBe(1);
  }
});
