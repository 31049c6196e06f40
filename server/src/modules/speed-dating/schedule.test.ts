import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { everyonePlan, type Person, type Plan, replan, sideBySidePlan } from './schedule.js';

const people = (prefix: string, count: number, kind: Person['kind'], groups: number[] = []) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, kind, group: groups[i] !== undefined ? `g${groups[i]}` : `${prefix}${i}` }));

/** The rules every plan keeps: no repeats, no same group, nobody twice in a round, seats unique. */
function expectRulesKept(plan: Plan, all: Person[]) {
  const groupOf = new Map(all.map((p) => [p.id, p.group]));
  const met = new Set<string>();
  for (const round of plan.rounds) {
    const inRound = round.pairs.flatMap((p) => [p.stationary, p.moving]);
    expect(new Set(inRound).size).toBe(inRound.length);
    expect(new Set(round.pairs.map((p) => p.seat)).size).toBe(round.pairs.length);
    for (const id of round.sitOuts) expect(inRound).not.toContain(id);
    for (const { stationary, moving } of round.pairs) {
      expect(groupOf.get(stationary)).not.toBe(groupOf.get(moving));
      const key = [stationary, moving].sort().join('|');
      expect(met.has(key)).toBe(false);
      met.add(key);
    }
  }
}

const sitOutCounts = (plan: Plan, ids: string[]) => ids.map((id) => plan.rounds.filter((r) => r.sitOuts.includes(id)).length);

describe('side by side (NGO representatives opposite officials)', () => {
  test('equal sides with n rounds: everyone meets everyone opposite exactly once, moving one seat along', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), (n) => {
        const ngos = people('n', n, 'NGO');
        const officials = people('o', n, 'OFFICIAL');
        const plan = sideBySidePlan(ngos, officials, n);
        expectRulesKept(plan, [...ngos, ...officials]);
        expect(plan.newPairs).toBe(n * n);
        expect(plan.rounds.every((r) => r.pairs.length === n && r.sitOuts.length === 0)).toBe(true);
        // The moving side moves one seat along each round.
        for (let r = 1; r < plan.rounds.length; r++) {
          for (const p of plan.rounds[r]!.pairs) {
            const before = plan.rounds[r - 1]!.pairs.find((q) => q.moving === p.moving)!;
            expect((before.seat - p.seat + n) % n).toBe(1 % n);
          }
        }
      }),
    );
  });

  test('unequal sides: sit-outs shared within one, never twice in a row while a side-mate has not sat out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 25 }), (s, m, rounds) => {
        const ngos = people('n', s, 'NGO');
        const officials = people('o', m, 'OFFICIAL');
        const plan = sideBySidePlan(ngos, officials, rounds);
        expectRulesKept(plan, [...ngos, ...officials]);
        for (const side of [ngos, officials]) {
          const ids = side.map((p) => p.id);
          const counts = sitOutCounts(plan, ids);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          for (let r = 1; r < plan.rounds.length; r++) {
            const twice = ids.filter((id) => plan.rounds[r - 1]!.sitOuts.includes(id) && plan.rounds[r]!.sitOuts.includes(id));
            if (!twice.length) continue;
            // Everyone on this side has sat out by the end of round r.
            const satOut = new Set(plan.rounds.slice(0, r + 1).flatMap((x) => x.sitOuts));
            expect(ids.every((id) => satOut.has(id))).toBe(true);
          }
        }
        expect(plan.newPairs).toBe(plan.maxPossiblePairs);
      }),
    );
  });

  test('people of one organisation never meet; the plan says so', () => {
    const ngos = people('n', 3, 'NGO', [1, 2, 3]);
    const officials = people('o', 3, 'OFFICIAL', [1, 4, 5]);
    const plan = sideBySidePlan(ngos, officials, 3);
    expectRulesKept(plan, [...ngos, ...officials]);
    expect(plan.newPairs).toBe(8);
    expect(plan.notes.some((n) => n.includes('n0') && n.includes('o0'))).toBe(true);
  });
});

describe('everyone meets everyone', () => {
  test('n even: n-1 rounds, every pair once; n odd: n rounds, everyone sits out exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), (n) => {
        const all = [...people('n', Math.ceil(n / 2), 'NGO'), ...people('o', Math.floor(n / 2), 'OFFICIAL')];
        const rounds = n % 2 ? n : n - 1;
        const plan = everyonePlan(all, rounds);
        expectRulesKept(plan, all);
        expect(plan.rounds).toHaveLength(rounds);
        expect(plan.newPairs).toBe((n * (n - 1)) / 2);
        if (n % 2) expect(sitOutCounts(plan, all.map((p) => p.id))).toEqual(all.map(() => 1));
      }),
    );
  });

  test('with fewer rounds, the rounds kept favour NGO-official pairs', () => {
    const all = [...people('n', 4, 'NGO'), ...people('o', 4, 'OFFICIAL')];
    const full = everyonePlan(all, 7);
    const short = everyonePlan(all, 2);
    const cross = (plan: Plan) => plan.rounds.map((r) => r.pairs.filter((p) => p.stationary[0] !== p.moving[0]).length);
    const best = cross(full).sort((a, b) => b - a).slice(0, 2);
    expect(cross(short).sort((a, b) => b - a)).toEqual(best);
    expect(short.notes[0]).toContain('7 rounds are needed');
  });
});

describe('re-planning', () => {
  test('no repeats of what already happened, no same-group pairs, as many new pairs as possible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 3 }),
        (s, m, played, remaining, groups) => {
          const ngos = people('n', s, 'NGO', groups ? Array.from({ length: s }, (_, i) => i % groups) : []);
          const officials = people('o', m, 'OFFICIAL', groups ? Array.from({ length: m }, (_, i) => (i + 1) % groups) : []);
          const before = sideBySidePlan(ngos, officials, played);
          const met = before.rounds.flatMap((r) => r.pairs.map((p) => [p.stationary, p.moving] as [string, string]));
          const after = replan(ngos, officials, met, remaining);
          const combined = { ...after, rounds: [...before.rounds, ...after.rounds] };
          expectRulesKept(combined, [...ngos, ...officials]);
          // When there are rounds enough, every allowed unmet pair happens.
          if (remaining >= Math.max(s, m) * 2) expect(after.newPairs).toBe(after.maxPossiblePairs);
          expect(after.newPairs).toBeLessThanOrEqual(after.maxPossiblePairs);
        },
      ),
    );
  });

  test('a late arrival gets partners at once; someone who left is gone', () => {
    const ngos = people('n', 3, 'NGO');
    const officials = people('o', 3, 'OFFICIAL');
    const first = sideBySidePlan(ngos, officials, 1);
    const met = first.rounds[0]!.pairs.map((p) => [p.stationary, p.moving] as [string, string]);
    const late = { id: 'o-late', group: 'o-late', kind: 'OFFICIAL' as const };
    const plan = replan(ngos, [officials[0]!, officials[1]!, late], met, 2);
    expect(plan.rounds[0]!.pairs.some((p) => p.moving === 'o-late')).toBe(true);
    expect(plan.rounds.flatMap((r) => r.pairs).some((p) => p.moving === 'o2')).toBe(false);
  });
});
