import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { entriesToPromote, type LockedStock, serveWaitingList, takeOrQueue, type WaitingEntry } from './waitlist.js';

describe('waiting-list promotion', () => {
  const entry = fc.record({ id: fc.uuid(), partySize: fc.integer({ min: 1, max: 8 }), clashes: fc.boolean() });

  test('never confirms more seats than are free, never a clashing entry, keeps arrival order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 20 }), (free, waiting) => {
        const promoted = entriesToPromote(free, waiting);
        const byId = new Map(waiting.map((w) => [w.id, w]));
        const seats = promoted.reduce((sum, id) => sum + byId.get(id)!.partySize, 0);
        expect(seats).toBeLessThanOrEqual(free);
        expect(promoted.every((id) => !byId.get(id)!.clashes)).toBe(true);
        const order = waiting.map((w) => w.id).filter((id) => promoted.includes(id));
        expect(promoted).toEqual(order);
        // Greedy: every skipped non-clashing entry was too big for the seats left when its turn came.
        let left = free;
        for (const w of waiting) {
          if (promoted.includes(w.id)) left -= w.partySize;
          else if (!w.clashes) expect(w.partySize).toBeGreaterThan(left);
        }
      }),
    );
  });

  test('a big party keeps its place while a smaller one behind it uses the seats', () => {
    const waiting: WaitingEntry[] = [
      { id: 'big', partySize: 4, clashes: false },
      { id: 'small', partySize: 2, clashes: false },
      { id: 'clash', partySize: 1, clashes: true },
    ];
    expect(entriesToPromote(3, waiting)).toEqual(['small']);
    expect(entriesToPromote(4, waiting)).toEqual(['big']);
  });
});

describe('a locked stock with a waiting list', () => {
  const stockOf = (units: number) => {
    const state = { free: units, next: 1 };
    const stock: LockedStock = { get available() { return state.free; }, take: (n) => { state.free -= n; }, nextQueueNumber: () => state.next++ };
    return { stock, state };
  };

  test('requests in any order never take it below zero; the rest queue with numbers in arrival order; freed units serve the queue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 30 }), fc.integer({ min: 0, max: 20 }), (units, requests, freed) => {
        const { stock, state } = stockOf(units);
        const outcomes = requests.map((quantity, i) => ({ id: String(i), quantity, ...takeOrQueue(stock, quantity) }));
        const taken = outcomes.filter((o) => o.fits).reduce((n, o) => n + o.quantity, 0);
        expect(state.free).toBe(units - taken);
        expect(state.free).toBeGreaterThanOrEqual(0);
        const queued = outcomes.filter((o) => !o.fits);
        expect(queued.map((o) => o.queueNumber)).toEqual(queued.map((_, i) => i + 1));
        for (const o of queued) expect(o.quantity).toBeGreaterThan(0);

        state.free += freed;
        const before = state.free;
        const served = serveWaitingList(stock, queued, (o) => ({ id: o.id, partySize: o.quantity, clashes: false }));
        expect(state.free).toBe(before - served.reduce((n, o) => n + o.quantity, 0));
        expect(state.free).toBeGreaterThanOrEqual(0);
        // Nobody still waiting would fit in what is left.
        for (const o of queued.filter((q) => !served.includes(q))) expect(o.quantity).toBeGreaterThan(state.free);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
