import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  adjacentStands, allocateStands, type ApplicationSpec, evaluateAllocation, fits, type OptimizedAllocation, planQuality, type StandSpec,
} from './allocation.js';

const ZONES = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE'];

const stand = (id: string, x: number, y: number, extra: Partial<StandSpec> = {}): StandSpec => ({
  id, zone: 'CULTURE', x, y, width: 3, height: 3, hasPower: false, tentProvided: false, tables: 1, stepFree: true, reserved: false, ...extra,
});
const app = (id: string, extra: Partial<ApplicationSpec> = {}): ApplicationSpec => ({
  id, organizationId: `org-${id}`, needsPower: false, needsTent: false, needsStepFree: false, tables: 1,
  preferredZones: [], wantedNeighbors: [], avoidedNeighbors: [], ...extra,
});

/** Small fairs for the exhaustive oracle run as long as they need (the node budget keeps them deterministic). */
const EXACT = { timeLimitMs: 60_000, nodeLimit: 50_000 };

// ---------------------------------------------------------------------------------------------------
// The independent oracle: the rules and the objective restated from the product rule, and exhaustive
// search over every plan. It shares no code with allocation.ts: stands sit on the cells of a grid
// (3 m squares), so two stands are neighbours exactly when their cells share a side.

interface Fair {
  stands: StandSpec[];
  apps: ApplicationSpec[];
  /** Grid cell of each stand. */
  cells: Map<string, { col: number; row: number }>;
}

const allowedOn = (s: StandSpec, a: ApplicationSpec) =>
  !s.reserved && (s.hasPower || !a.needsPower) && (s.tentProvided || !a.needsTent) && (s.stepFree || !a.needsStepFree) && a.tables <= s.tables;

/** Most applications placed first, then the highest score: +3 preferred zone, +2 wanted neighbour, −3 avoided neighbour. */
function exhaustiveOptimum({ stands, apps, cells }: Fair): { placed: number; score: number } {
  const nextTo = (s: string, t: string) => {
    const [p, q] = [cells.get(s)!, cells.get(t)!];
    return Math.abs(p.col - q.col) + Math.abs(p.row - q.row) === 1;
  };
  const standOfApp = new Map<string, StandSpec>();
  const orgStand = (org: string) => {
    const holder = apps.find((a) => a.organizationId === org);
    return holder ? standOfApp.get(holder.id) : undefined;
  };
  const score = () => {
    let total = 0;
    for (const [appId, s] of standOfApp) {
      const a = apps.find((x) => x.id === appId)!;
      if (a.preferredZones.includes(s.zone)) total += 3;
      for (const org of a.wantedNeighbors) if (orgStand(org) && nextTo(orgStand(org)!.id, s.id)) total += 2;
      for (const org of a.avoidedNeighbors) if (orgStand(org) && nextTo(orgStand(org)!.id, s.id)) total -= 3;
    }
    return total;
  };
  let best = { placed: -1, score: -Infinity };
  const used = new Set<string>();
  const go = (i: number, placed: number) => {
    if (placed + apps.length - i < best.placed) return; // cannot place as many as the best: counting only
    if (i === apps.length) {
      const s = score();
      if (placed > best.placed || (placed === best.placed && s > best.score)) best = { placed, score: s };
      return;
    }
    for (const s of stands) {
      if (used.has(s.id) || !allowedOn(s, apps[i]!)) continue;
      used.add(s.id);
      standOfApp.set(apps[i]!.id, s);
      go(i + 1, placed + 1);
      standOfApp.delete(apps[i]!.id);
      used.delete(s.id);
    }
    go(i + 1, placed);
  };
  go(0, 0);
  return best;
}

/** Random small fairs: stands on distinct cells of a 4 × 3 grid (holes break neighbourhoods), random features and wishes. */
const smallFair = (maxStands: number, maxApps: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: maxStands })
    // Mostly about as many applications as stands or more, so that who gets a stand matters.
    .chain((cells) => fc.record({ cells: fc.constant(cells), appCount: fc.integer({ min: Math.max(0, cells.length - 2), max: maxApps }) }))
    .chain(({ cells, appCount }) => {
      const orgs = [...Array.from({ length: appCount }, (_, j) => `org-a${j}`), 'org-not-applying'];
      return fc.record({
        cells: fc.constant(cells),
        stands: fc.tuple(...cells.map(() =>
          fc.record({
            zone: fc.constantFrom(...ZONES.slice(0, 3)), hasPower: fc.boolean(), tentProvided: fc.boolean(), tables: fc.integer({ min: 0, max: 2 }),
            stepFree: fc.boolean(), reserved: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
          }),
        )),
        apps: fc.tuple(...Array.from({ length: appCount }, (_, i) =>
          fc.record({
            needsPower: fc.boolean(), needsTent: fc.boolean(), needsStepFree: fc.boolean(), tables: fc.integer({ min: 0, max: 2 }),
            preferredZones: fc.subarray(ZONES.slice(0, 3), { maxLength: 2 }),
            wanted: fc.subarray(orgs, { maxLength: Math.min(3, orgs.length) }), avoided: fc.subarray(orgs, { maxLength: Math.min(2, orgs.length) }),
          }).map((f) => app(`a${i}`, { ...f, wantedNeighbors: f.wanted.filter((o) => o !== `org-a${i}`), avoidedNeighbors: f.avoided.filter((o) => o !== `org-a${i}`) })),
        )),
      });
    })
    .map(({ cells, stands, apps }): Fair => {
      const specs = cells.map((cell, i) => stand(`s${i}`, (cell % 4) * 3, Math.floor(cell / 4) * 3, stands[i]));
      return { stands: specs, apps: [...apps], cells: new Map(cells.map((cell, i) => [`s${i}`, { col: cell % 4, row: Math.floor(cell / 4) }])) };
    });

function expectHardRules(stands: StandSpec[], apps: ApplicationSpec[], result: OptimizedAllocation) {
  const standById = new Map(stands.map((s) => [s.id, s]));
  const appById = new Map(apps.map((a) => [a.id, a]));
  expect(new Set(result.assignments.map((a) => a.standId)).size).toBe(result.assignments.length);
  expect(new Set(result.assignments.map((a) => a.applicationId)).size).toBe(result.assignments.length);
  for (const { applicationId, standId } of result.assignments) {
    expect(allowedOn(standById.get(standId)!, appById.get(applicationId)!)).toBe(true);
    expect(fits(standById.get(standId)!, appById.get(applicationId)!)).toBe(true);
  }
  expect(result.assignments.length + result.unplaced.length).toBe(apps.length);
  expect(evaluateAllocation(stands, apps, result.assignments).score).toBe(result.score);
  expect(result.score).toBeLessThanOrEqual(result.maxScore);
  expect(result.bestBound).toBeGreaterThanOrEqual(result.score);
  expect(result.gap).toBe(result.bestBound - result.score);
  expect(result.provenOptimal).toBe(result.gap === 0);
  expect(result.placeable).toBe(result.assignments.length);
}

/** Most applications that can be placed at all (augmenting paths; independent of the allocator). */
function mostPlaceable(stands: StandSpec[], apps: ApplicationSpec[]): number {
  const holder = new Map<string, string>();
  const place = (a: ApplicationSpec, seen: Set<string>): boolean => {
    for (const s of stands) {
      if (seen.has(s.id) || !allowedOn(s, a)) continue;
      seen.add(s.id);
      const other = holder.get(s.id);
      if (other === undefined || place(apps.find((x) => x.id === other)!, seen)) {
        holder.set(s.id, a.id);
        return true;
      }
    }
    return false;
  };
  return apps.filter((a) => place(a, new Set())).length;
}

describe('stand allocation: optimal by the product objective', () => {
  test('equals the exhaustive optimum on small fairs (2–7 stands, up to 9 applications) and proves it', () => {
    fc.assert(
      fc.property(smallFair(7, 9), (fair) => {
        const result = allocateStands(fair.stands, fair.apps, EXACT);
        const optimum = exhaustiveOptimum(fair);
        expectHardRules(fair.stands, fair.apps, result);
        expect(result.assignments.length).toBe(optimum.placed);
        expect(result.score).toBe(optimum.score);
        expect(result.provenOptimal).toBe(true);
        expect(result.gap).toBe(0);
      }),
      { seed: 2026, numRuns: 400 },
    );
  });

  test('stopped early, the plan is still valid, its bound is never below the optimum, and "proven" is never claimed falsely', () => {
    fc.assert(
      fc.property(smallFair(7, 9), fc.constantFrom(1, 2, 5), (fair, nodeLimit) => {
        const result = allocateStands(fair.stands, fair.apps, { timeLimitMs: 60_000, nodeLimit });
        const optimum = exhaustiveOptimum(fair);
        expectHardRules(fair.stands, fair.apps, result);
        expect(result.assignments.length).toBe(optimum.placed);
        expect(result.score).toBeLessThanOrEqual(optimum.score);
        expect(result.bestBound).toBeGreaterThanOrEqual(optimum.score);
        if (result.provenOptimal) expect(result.score).toBe(optimum.score);
      }),
      { seed: 7, numRuns: 120 },
    );
  });

  test('deterministic: the same plan whatever the input order', () => {
    fc.assert(
      fc.property(smallFair(7, 9), (fair) => {
        const result = allocateStands(fair.stands, fair.apps, EXACT);
        expect(allocateStands([...fair.stands].reverse(), [...fair.apps].reverse(), EXACT)).toEqual(result);
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  test('who gets a stand is part of the optimum: an avoided pair is not placed side by side when a third can take the stand', () => {
    // Two adjacent stands; x and y avoid each other; z is indifferent. Most placed = 2: {x, z} or {y, z}, score 0.
    // (A first matching that took x and y and a local search that never changes who is placed would score −6.)
    const stands = [stand('s1', 0, 0), stand('s2', 3, 0)];
    const apps = [app('x', { avoidedNeighbors: ['org-y'] }), app('y', { avoidedNeighbors: ['org-x'] }), app('z')];
    const result = allocateStands(stands, apps);
    expect(result.assignments).toHaveLength(2);
    expect(result.unplaced).not.toContain('z');
    expect(result).toMatchObject({ score: 0, provenOptimal: true, gap: 0, bestBound: 0 });
  });

  test('placing more always wins over a better score', () => {
    // One power stand and one plain stand. p needs power; q prefers SPORT (the power stand). Both must be placed.
    const stands = [stand('power', 0, 0, { hasPower: true, zone: 'SPORT' }), stand('plain', 10, 0)];
    const result = allocateStands(stands, [app('p', { needsPower: true }), app('q', { preferredZones: ['SPORT'] })]);
    expect(result.assignments).toEqual([{ applicationId: 'p', standId: 'power' }, { applicationId: 'q', standId: 'plain' }]);
    expect(result).toMatchObject({ score: 0, provenOptimal: true, placeable: 2 });
  });
});

describe('stand allocation: large fairs', () => {
  /** 100–120 stands in rows of 10 (blocks of 20 per zone, aisles between blocks) and about as many applications. */
  const largeFair = fc
    .record({ standCount: fc.integer({ min: 100, max: 120 }), appCount: fc.integer({ min: 90, max: 130 }), seed: fc.integer() })
    .map(({ standCount, appCount, seed }) => {
      let state = seed >>> 0;
      const random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const org = () => `org-a${Math.floor(random() * appCount)}`;
      const stands = Array.from({ length: standCount }, (_, i) =>
        stand(`s${String(i).padStart(3, '0')}`, (i % 10) * 3, Math.floor(i / 10) * 3 + Math.floor(i / 20) * 4, {
          zone: ZONES[Math.floor(i / 20) % ZONES.length]!, hasPower: random() < 0.4, tentProvided: random() < 0.5,
          tables: 1 + Math.floor(random() * 3), stepFree: random() < 0.8, reserved: random() < 0.05,
        }),
      );
      const apps = Array.from({ length: appCount }, (_, i) =>
        app(`a${i}`, {
          needsPower: random() < 0.3, needsTent: random() < 0.3, needsStepFree: random() < 0.1, tables: Math.floor(random() * 3),
          preferredZones: random() < 0.8 ? [ZONES[Math.floor(random() * ZONES.length)]!] : [],
          wantedNeighbors: (random() < 0.5 ? [org()] : []).filter((o) => o !== `org-a${i}`),
          avoidedNeighbors: (random() < 0.2 ? [org()] : []).filter((o) => o !== `org-a${i}`),
        }),
      );
      return { stands, apps };
    });

  test('hard rules always hold and as many as possible are placed (100–120 stands, short time budget)', () => {
    fc.assert(
      fc.property(largeFair, ({ stands, apps }) => {
        const started = performance.now();
        const result = allocateStands(stands, apps, { timeLimitMs: 250 });
        expect(performance.now() - started).toBeLessThan(2_000);
        expectHardRules(stands, apps, result);
        expect(result.assignments.length).toBe(mostPlaceable(stands, apps));
      }),
      { seed: 42, numRuns: 4 },
    );
  });
});

describe('stand allocation: rules and wishes', () => {
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
    expect(result.provenOptimal).toBe(true);

    const impossible = allocateStands([stand('a', 0, 0), stand('b', 3, 0)], [app('x', { avoidedNeighbors: ['org-y'], preferredZones: ['SPORT'] }), app('y')]);
    expect(impossible.unmetWishes).toEqual([
      { applicationId: 'x', kind: 'ZONE', zones: ['SPORT'] },
      { applicationId: 'x', kind: 'AVOIDED_NEIGHBOR', organizationId: 'org-y' },
    ]);
    expect(impossible).toMatchObject({ score: -3, bestBound: -3, gap: 0, provenOptimal: true });
  });

  test('a hand-edited plan is compared with the best possible', () => {
    const stands = [stand('s0', 0, 0), stand('s1', 3, 0, { zone: 'CHILDREN' }), stand('s2', 20, 0)];
    const apps = [app('kids', { preferredZones: ['CHILDREN'] }), app('other')];
    const best = allocateStands(stands, apps);
    expect(best).toMatchObject({ score: 3, bestBound: 3, placeable: 2, provenOptimal: true });
    const edited = evaluateAllocation(stands, apps, [{ applicationId: 'kids', standId: 's0' }, { applicationId: 'other', standId: 's1' }]);
    expect(planQuality(edited, best)).toEqual({ placeable: 2, bestBound: 3, provenOptimal: false, gap: 3 });
    const fewer = evaluateAllocation(stands, apps, [{ applicationId: 'kids', standId: 's1' }]);
    expect(planQuality(fewer, best)).toEqual({ placeable: 2, bestBound: 3, provenOptimal: false, gap: null });
    expect(planQuality(evaluateAllocation(stands, apps, best.assignments), best)).toMatchObject({ provenOptimal: true, gap: 0 });
  });

  test('adjacency: touching stands side by side or back to back, not diagonal or far apart', () => {
    const near = adjacentStands([stand('a', 0, 0), stand('b', 3, 0), stand('c', 0, 3.5), stand('d', 3, 3), stand('e', 20, 0)]);
    expect([...near.get('a')!].sort()).toEqual(['b', 'c']);
    expect([...near.get('e')!]).toEqual([]);
  });
});
