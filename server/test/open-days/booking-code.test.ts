import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from './world.js';

// The codes the next draws return, before random ones: a collision is too rare to wait for.
const drawn = vi.hoisted(() => ({ next: [] as string[] }));
vi.mock('../../src/core/short-code.js', async (original) => {
  const real = await original<typeof import('../../src/core/short-code.js')>();
  return { ...real, generateShortCode: () => drawn.next.shift() ?? real.generateShortCode() };
});

let app: TestApp;
let world: OpenDaysWorld;
beforeAll(async () => {
  app = await startTestApp();
  world = await openDaysWorld(app);
});
afterAll(() => app.close());

const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status code } }`;

test('a booking whose drawn code is already someone else’s gets another code, and both are told their own', async () => {
  const slotId = await world.slot({ capacity: 5 });
  const [first, second] = [await app.clientAs(Role.RESIDENT), await app.clientAs(Role.RESIDENT)];
  drawn.next.push('KAD234');
  const a = (await first.client.ok(BOOK, { input: { slotId, partySize: 1, waitlistIfFull: false } })).bookOpenDaysSlot;
  expect(a).toMatchObject({ status: 'CONFIRMED', code: 'KAD234' });
  drawn.next.push('KAD234', 'KAD234');
  const b = (await second.client.ok(BOOK, { input: { slotId, partySize: 1, waitlistIfFull: false } })).bookOpenDaysSlot;
  expect(b.status).toBe('CONFIRMED');
  expect(b.code).not.toBe('KAD234');
  expect(drawn.next).toEqual([]);
  const told = (await app.messages()).filter((m) => m.kind === 'booking.confirmed');
  expect(told.map((m) => [m.recipient, m.body.includes(`Kod rezerwacji: ${m.recipient === first.email ? a.code : b.code}`)]))
    .toEqual([[first.email, true], [second.email, true]]);
  const rows = await app.em().getConnection().execute<{ code: string }[]>('select code from booking where slot_id = ? order by created_at', [slotId]);
  expect(rows.map((r) => r.code)).toEqual([a.code, b.code]);
});
