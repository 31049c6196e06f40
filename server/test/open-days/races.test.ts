import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { openDaysWorld } from './world.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelOpenDaysBooking(id: $id) { id status } }`;
const statusOf = async (slotId: string, userId: string) =>
  (await app.em().getConnection().execute<{ status: string }[]>('select status from booking where slot_id = ? and user_id = ?', [slotId, userId]))[0]?.status;

test('a cancellation that would promote someone always succeeds, even while that person books an overlapping slot', async () => {
  // Two organisations' slots at the same hours: the i-th slot of one overlaps the i-th of the other.
  const [first, second] = [await openDaysWorld(app), await openDaysWorld(app)];
  const ROUNDS = 20;
  const people = await app.clientsAs(Role.RESIDENT, 2 * ROUNDS);
  const outcomes = { promoted: 0, bookedElsewhere: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const slotA = await first.slot({ capacity: 1, maxPartySize: 1 });
    const slotB = await second.slot({ capacity: 5, maxPartySize: 1 });
    const [holder, waiter] = [people[2 * round]!, people[2 * round + 1]!];
    const held = (await holder.client.ok(BOOK, { input: { slotId: slotA, partySize: 1 } })).bookOpenDaysSlot;
    expect((await waiter.client.ok(BOOK, { input: { slotId: slotA, partySize: 1 } })).bookOpenDaysSlot.status).toBe('WAITLISTED');

    // The holder cancels A (promoting the waiter) at the very moment the waiter books B, which overlaps A.
    const [cancel, booking] = await Promise.all([
      holder.client.request(CANCEL, { id: held.id }),
      waiter.client.request(BOOK, { input: { slotId: slotB, partySize: 1 } }),
    ]);
    expect(cancel.errors, JSON.stringify(cancel.errors)).toBeUndefined();
    expect(cancel.data!.cancelOpenDaysBooking.status).toBe('CANCELLED');

    // Exactly one of the two overlapping seats is the waiter's, never both.
    const [onA, onB] = [await statusOf(slotA, waiter.userId), await statusOf(slotB, waiter.userId)];
    if (booking.errors) {
      expect(booking.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLASH' });
      expect([onA, onB]).toEqual(['CONFIRMED', undefined]);
      outcomes.promoted++;
    } else {
      expect([onA, onB]).toEqual(['WAITLISTED', 'CONFIRMED']);
      outcomes.bookedElsewhere++;
    }
  }
  expect(outcomes.promoted + outcomes.bookedElsewhere).toBe(ROUNDS);
});
