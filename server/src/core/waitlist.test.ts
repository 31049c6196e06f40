import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { entriesToPromote, type WaitingEntry } from './waitlist.js';

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
