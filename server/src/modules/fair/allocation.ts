import { type SearchProblem, searchAllocation } from './allocation-search.js';

/**
 * Automatic stand allocation for the NGO Fair: pure functions, no database.
 *
 * Hard rules always hold: one organisation per stand and one stand per application, reserved
 * stands stay empty (`fits`), and power, tent, step-free access and tables are provided where needed.
 *
 * OBJECTIVE (lexicographic, as staff expect it):
 *  1. as many applications as possible get a stand: no organisation is left without a stand to
 *     satisfy someone else's zone or neighbour wish;
 *  2. among the plans placing that many, the highest wish score, exactly as `evaluateAllocation`
 *     counts it (WEIGHTS): +3 a preferred zone, +2 per wanted neighbour next door, −3 per avoided
 *     neighbour next door (neighbours = stands adjacent on the plan).
 * `allocateStands` finds an optimum of this objective by branch and bound (allocation-search.ts)
 * and says whether it is proven (`provenOptimal`) or, when its time budget ran out first, how far
 * from the optimum the plan may at most be (`gap` = proven upper bound − score).
 */

export interface StandSpec {
  id: string;
  zone: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasPower: boolean;
  tentProvided: boolean;
  tables: number;
  stepFree: boolean;
  reserved: boolean;
}

export interface ApplicationSpec {
  id: string;
  organizationId: string;
  needsPower: boolean;
  needsTent: boolean;
  needsStepFree: boolean;
  tables: number;
  preferredZones: string[];
  /** Organisation ids wanted next door / not wanted next door. */
  wantedNeighbors: string[];
  avoidedNeighbors: string[];
}

export type UnmetWish =
  | { applicationId: string; kind: 'ZONE'; zones: string[] }
  | { applicationId: string; kind: 'WANTED_NEIGHBOR' | 'AVOIDED_NEIGHBOR'; organizationId: string };

export interface AllocationResult {
  assignments: { applicationId: string; standId: string }[];
  /** Accepted applications no compatible stand was left for. */
  unplaced: string[];
  score: number;
  /** The score if every wish of the placed applications were met. */
  maxScore: number;
  unmetWishes: UnmetWish[];
}

export const WEIGHTS = { zone: 3, wanted: 2, avoided: 3 } as const;

/** Rectangles touching or closer than `gap` along one side, overlapping along the other. */
export function adjacentStands(stands: readonly StandSpec[], gap = 1): Map<string, Set<string>> {
  const near = new Map(stands.map((s) => [s.id, new Set<string>()]));
  const overlap = (a1: number, a2: number, b1: number, b2: number) => Math.min(a2, b2) - Math.max(a1, b1);
  for (let i = 0; i < stands.length; i++) {
    for (let j = i + 1; j < stands.length; j++) {
      const a = stands[i]!;
      const b = stands[j]!;
      const xOverlap = overlap(a.x, a.x + a.width, b.x, b.x + b.width);
      const yOverlap = overlap(a.y, a.y + a.height, b.y, b.y + b.height);
      const sideBySide = yOverlap > 0 && xOverlap <= 0 && -xOverlap <= gap;
      const aboveBelow = xOverlap > 0 && yOverlap <= 0 && -yOverlap <= gap;
      if (sideBySide || aboveBelow) {
        near.get(a.id)!.add(b.id);
        near.get(b.id)!.add(a.id);
      }
    }
  }
  return near;
}

export const fits = (stand: StandSpec, app: ApplicationSpec) =>
  !stand.reserved &&
  (!app.needsPower || stand.hasPower) &&
  (!app.needsTent || stand.tentProvided) &&
  (!app.needsStepFree || stand.stepFree) &&
  stand.tables >= app.tables;

const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export interface AllocationOptions {
  /** Wall-clock budget; when it runs out the best plan found is returned with its proven gap. */
  timeLimitMs?: number;
  /** Budget in search nodes: unlike time, it gives the same result on every machine. */
  nodeLimit?: number;
}

export interface OptimizedAllocation extends AllocationResult {
  /** True when no plan placing as many applications scores higher (the search finished). */
  provenOptimal: boolean;
  /** Proven upper bound on the score of any plan placing as many applications (= score when optimal). */
  bestBound: number;
  /** bestBound − score: how many points the plan may at most be from the optimum (0 when proven). */
  gap: number;
  /** The most applications any plan can place (= assignments.length). */
  placeable: number;
  nodes: number;
}

export const DEFAULT_TIME_LIMIT_MS = 1_000;
export const DEFAULT_NODE_LIMIT = 1_000_000;

/**
 * The numeric problem: indices in id order, scores in half points (see allocation-search.ts).
 * Organisation ids are unique among the applications of a fair (one application per organisation);
 * a wish about an organisation without an application here can never be met and scores nothing.
 */
function searchProblem(stands: StandSpec[], apps: ApplicationSpec[]): SearchProblem {
  const n = apps.length;
  const m = stands.length;
  const standIndex = new Map(stands.map((s, i) => [s.id, i]));
  const near = adjacentStands(stands);
  const fitsAt = new Uint8Array(n * m);
  const zone = new Float64Array(n * m);
  apps.forEach((app, a) =>
    stands.forEach((stand, s) => {
      fitsAt[a * m + s] = fits(stand, app) ? 1 : 0;
      zone[a * m + s] = app.preferredZones.includes(stand.zone) ? 2 * WEIGHTS.zone : 0;
    }),
  );
  const zoneIndex = new Map<string, number>();
  const zoneOf = Int32Array.from(stands, (s) => zoneIndex.get(s.zone) ?? zoneIndex.set(s.zone, zoneIndex.size).get(s.zone)!);
  const centreX = Float64Array.from(stands, (s) => s.x + s.width / 2);
  const centreY = Float64Array.from(stands, (s) => s.y + s.height / 2);
  const adjacent = new Uint8Array(m * m);
  const neighbours = stands.map((stand, s) => {
    const list = [...near.get(stand.id)!].map((id) => standIndex.get(id)!).sort((x, y) => x - y);
    for (const t of list) adjacent[s * m + t] = 1;
    return Int32Array.from(list);
  });
  const appOfOrg = new Map<string, number>();
  apps.forEach((app, a) => { if (!appOfOrg.has(app.organizationId)) appOfOrg.set(app.organizationId, a); });
  const weights = new Map<number, number>();
  const addWish = (a: number, org: string, w: number) => {
    const b = appOfOrg.get(org);
    if (b === undefined || b === a) return;
    const key = Math.min(a, b) * n + Math.max(a, b);
    weights.set(key, (weights.get(key) ?? 0) + w);
  };
  apps.forEach((app, a) => {
    for (const org of app.wantedNeighbors) addWish(a, org, 2 * WEIGHTS.wanted);
    for (const org of app.avoidedNeighbors) addWish(a, org, -2 * WEIGHTS.avoided);
  });
  const pairs = [...weights].filter(([, w]) => w !== 0).sort(([x], [y]) => x - y).map(([key, w]) => ({ a: Math.floor(key / n), b: key % n, w }));
  return { nApps: n, nStands: m, fitsAt, adjacent, neighbours, zone, zoneOf, centreX, centreY, pairs };
}

/**
 * Allocates stands to applications: an optimum of the objective above (most placed, then best
 * score), proven unless the budget runs out first; then the best plan found with its proven gap.
 * Deterministic for the same input (in any order) when it finishes or stops on the node budget; a
 * wall-clock limit that stops the search can make the plan depend on the machine's speed.
 */
export function allocateStands(standList: readonly StandSpec[], appList: readonly ApplicationSpec[], options: AllocationOptions = {}): OptimizedAllocation {
  const stands = byId(standList);
  const apps = byId(appList);
  const found = searchAllocation(searchProblem(stands, apps), {
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    nodeLimit: options.nodeLimit ?? DEFAULT_NODE_LIMIT,
  });
  const placement: { applicationId: string; standId: string }[] = [];
  found.standOf.forEach((s, a) => { if (s >= 0) placement.push({ applicationId: apps[a]!.id, standId: stands[s]!.id }); });
  const result = evaluateAllocation(standList, appList, placement);
  const bestBound = Math.max(result.score, Math.floor(found.bound / 2 + 1e-6));
  return { ...result, provenOptimal: found.provenOptimal, bestBound, gap: bestBound - result.score, placeable: found.placed, nodes: found.nodes };
}

/** What a run of `allocateStands` proved about a fair's stands and applications. */
export interface BestKnown {
  /** The most applications any plan can place. */
  placeable: number;
  /** Proven upper bound on the score of a plan placing `placeable` applications. */
  bestBound: number;
}

export interface PlanQuality extends BestKnown {
  /** The plan places `placeable` applications and no such plan scores higher. */
  provenOptimal: boolean;
  /** bestBound − score: the plan is at most this many points from the optimum; null when it places fewer than `placeable`. */
  gap: number | null;
}

/** How a plan (the automatic one or one edited by hand) compares with the best possible. */
export function planQuality(plan: AllocationResult, best: BestKnown): PlanQuality {
  const full = plan.assignments.length >= best.placeable;
  return {
    placeable: best.placeable,
    bestBound: best.bestBound,
    provenOptimal: full && plan.score >= best.bestBound,
    gap: full ? Math.max(0, best.bestBound - plan.score) : null,
  };
}

/** Everything the allocation depends on, as a string: equal strings, equal problems. */
export function allocationInputKey(stands: readonly StandSpec[], apps: readonly ApplicationSpec[]): string {
  return JSON.stringify([
    byId(stands).map((s) => [s.id, s.zone, s.x, s.y, s.width, s.height, s.hasPower, s.tentProvided, s.tables, s.stepFree, s.reserved]),
    byId(apps).map((a) => [a.id, a.organizationId, a.needsPower, a.needsTent, a.needsStepFree, a.tables, a.preferredZones, a.wantedNeighbors, a.avoidedNeighbors]),
  ]);
}

/** Score, best possible score and unmet wishes of a given placement (also after hand edits). */
export function evaluateAllocation(
  standList: readonly StandSpec[], appList: readonly ApplicationSpec[], placement: readonly { applicationId: string; standId: string }[],
): AllocationResult {
  const near = adjacentStands(byId(standList));
  const zones = new Map(standList.map((s) => [s.id, s.zone]));
  const apps = new Map(appList.map((a) => [a.id, a]));
  const standOfOrg = new Map(placement.map((p) => [apps.get(p.applicationId)!.organizationId, p.standId]));
  const unmetWishes: UnmetWish[] = [];
  let score = 0;
  let maxScore = 0;
  const sorted = [...placement].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
  for (const { applicationId, standId } of sorted) {
    const app = apps.get(applicationId)!;
    const neighbours = near.get(standId)!;
    if (app.preferredZones.length) {
      maxScore += WEIGHTS.zone;
      if (app.preferredZones.includes(zones.get(standId)!)) score += WEIGHTS.zone;
      else unmetWishes.push({ applicationId, kind: 'ZONE', zones: app.preferredZones });
    }
    for (const org of app.wantedNeighbors) {
      maxScore += WEIGHTS.wanted;
      if (neighbours.has(standOfOrg.get(org) ?? '')) score += WEIGHTS.wanted;
      else unmetWishes.push({ applicationId, kind: 'WANTED_NEIGHBOR', organizationId: org });
    }
    for (const org of app.avoidedNeighbors) {
      if (neighbours.has(standOfOrg.get(org) ?? '')) {
        score -= WEIGHTS.avoided;
        unmetWishes.push({ applicationId, kind: 'AVOIDED_NEIGHBOR', organizationId: org });
      }
    }
  }
  const placed = new Set(placement.map((p) => p.applicationId));
  return {
    assignments: sorted,
    unplaced: [...apps.keys()].filter((id) => !placed.has(id)).sort(),
    score,
    maxScore,
    unmetWishes,
  };
}
