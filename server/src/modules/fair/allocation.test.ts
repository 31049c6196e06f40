import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adjacentStands, allocateStands, type ApplicationSpec, evaluateAllocation, fits, type StandSpec } from './allocation.js';

const ZONES = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE'];

const stand = (id: string, x: number, y: number, extra: Partial<StandSpec> = {}): StandSpec => ({
  id, zone: 'CULTURE', x, y, width: 3, height: 3, hasPower: false, tentProvided: false, tables: 1, stepFree: true, reserved: false, ...extra,
});
const app = (id: string, extra: Partial<ApplicationSpec> = {}): ApplicationSpec => ({
  id, organizationId: `org-${id}`, needsPower: false, needsTent: false, needsStepFree: false, tables: 1,
  preferredZones: [], wantedNeighbors: [], avoidedNeighbors: [], ...extra,
});

/** A random plan: a row of stands with random features, and applications with random needs and wishes. */
const instance = fc
  .record({ standCount: fc.integer({ min: 1, max: 14 }), appCount: fc.integer({ min: 0, max: 14 }) })
  .chain(({ standCount, appCount }) =>
    fc.record({
      stands: fc.tuple(...Array.from({ length: standCount }, (_, i) =>
        fc.record({ zone: fc.constantFrom(...ZONES), hasPower: fc.boolean(), tentProvided: fc.boolean(), tables: fc.integer({ min: 0, max: 3 }), stepFree: fc.boolean(), reserved: fc.boolean() })
          .map((f) => stand(`s${String(i).padStart(2, '0')}`, (i % 5) * 3, Math.floor(i / 5) * 4, f)),
      )),
      apps: fc.tuple(...Array.from({ length: appCount }, (_, i) =>
        fc.record({
          needsPower: fc.boolean(), needsTent: fc.boolean(), needsStepFree: fc.boolean(), tables: fc.integer({ min: 0, max: 3 }),
          preferredZones: fc.subarray(ZONES), wanted: fc.subarray(Array.from({ length: appCount }, (_, j) => `org-a${j}`)), avoided: fc.subarray(Array.from({ length: appCount }, (_, j) => `org-a${j}`)),
        }).map((f) => app(`a${i}`, { ...f, wantedNeighbors: f.wanted.filter((o) => o !== `org-a${i}`), avoidedNeighbors: f.avoided.filter((o) => o !== `org-a${i}`) })),
      )),
    }),
  );

/** Brute force: the most applications any assignment can place (small instances only). */
function bestPlacedCount(stands: StandSpec[], apps: ApplicationSpec[]): number {
  let best = 0;
  const used = new Set<string>();
  const go = (i: number, placed: number) => {
    if (placed + (apps.length - i) <= best) return;
    if (i === apps.length) return void (best = Math.max(best, placed));
    for (const s of stands) {
      if (!used.has(s.id) && fits(s, apps[i]!)) {
        used.add(s.id);
        go(i + 1, placed + 1);
        used.delete(s.id);
      }
    }
    go(i + 1, placed);
  };
  go(0, 0);
  return best;
}

describe('stand allocation', () => {
  test('hard constraints always hold, as many as possible are placed, and the result is deterministic', () => {
    fc.assert(
      fc.property(instance, ({ stands, apps }) => {
        const result = allocateStands(stands, apps);
        const standById = new Map(stands.map((s) => [s.id, s]));
        const appById = new Map(apps.map((a) => [a.id, a]));
        // One organisation per stand, one stand per application.
        expect(new Set(result.assignments.map((a) => a.standId)).size).toBe(result.assignments.length);
        expect(new Set(result.assignments.map((a) => a.applicationId)).size).toBe(result.assignments.length);
        for (const { applicationId, standId } of result.assignments) {
          expect(fits(standById.get(standId)!, appById.get(applicationId)!)).toBe(true);
          expect(standById.get(standId)!.reserved).toBe(false);
        }
        expect(result.assignments.length + result.unplaced.length).toBe(apps.length);
        if (apps.length <= 8) expect(result.assignments.length).toBe(bestPlacedCount(stands, apps));
        expect(result.score).toBeLessThanOrEqual(result.maxScore);
        // The search's running score agrees with an independent evaluation of the final plan.
        expect(evaluateAllocation(stands, apps, result.assignments).score).toBe(result.score);
        expect(allocateStands([...stands].reverse(), [...apps].reverse())).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  test('needs are met: power, tent, step-free, tables; reserved stands stay empty', () => {
    const stands = [stand('plain', 0, 0), stand('power', 10, 0, { hasPower: true }), stand('vip', 20, 0, { hasPower: true, reserved: true })];
    const result = allocateStands(stands, [app('needs-power', { needsPower: true }), app('any')]);
    expect(result.assignments).toEqual([{ applicationId: 'any', standId: 'plain' }, { applicationId: 'needs-power', standId: 'power' }]);
    const tooMany = allocateStands(stands, [app('p1', { needsPower: true }), app('p2', { needsPower: true })]);
    expect(tooMany.assignments).toHaveLength(1);
    expect(tooMany.unplaced).toHaveLength(1);
  });

  test('wishes: preferred zone, wanted neighbour next door, avoided neighbour kept away; unmet wishes reported', () => {
    // A row of four stands: s0 s1 s2 s3 (s1 in the children's zone).
    const stands = [stand('s0', 0, 0), stand('s1', 3, 0, { zone: 'CHILDREN' }), stand('s2', 6, 0), stand('s3', 9, 0)];
    const apps = [
      app('kids', { preferredZones: ['CHILDREN'], wantedNeighbors: ['org-friend'] }),
      app('friend'),
      app('rival', { avoidedNeighbors: ['org-kids'] }),
    ];
    const result = allocateStands(stands, apps);
    const at = Object.fromEntries(result.assignments.map((a) => [a.applicationId, a.standId]));
    expect(at.kids).toBe('s1');
    expect(['s0', 's2']).toContain(at.friend);
    expect(['s0', 's2']).not.toContain(at.rival);
    expect(result.unmetWishes).toEqual([]);
    expect(result.score).toBe(result.maxScore);

    const impossible = allocateStands([stand('a', 0, 0), stand('b', 3, 0)], [app('x', { avoidedNeighbors: ['org-y'], preferredZones: ['SPORT'] }), app('y')]);
    expect(impossible.unmetWishes).toEqual([
      { applicationId: 'x', kind: 'ZONE', zones: ['SPORT'] },
      { applicationId: 'x', kind: 'AVOIDED_NEIGHBOR', organizationId: 'org-y' },
    ]);
  });

  test('adjacency: touching stands side by side or back to back, not diagonal or far apart', () => {
    const near = adjacentStands([stand('a', 0, 0), stand('b', 3, 0), stand('c', 0, 3.5), stand('d', 3, 3), stand('e', 20, 0)]);
    expect([...near.get('a')!].sort()).toEqual(['b', 'c']);
    expect([...near.get('e')!]).toEqual([]);
  });
});
