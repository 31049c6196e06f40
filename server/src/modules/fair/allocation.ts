import { mulberry32 } from '../../core/random.js';

/**
 * Automatic stand allocation for the NGO Fair: a pure function, deterministic for the same input.
 *
 * Hard rules always hold: one organisation per stand and one stand per application, reserved
 * stands stay empty, and power, tent, step-free access and tables are provided where needed.
 * Within them, as many applications as possible get a stand (maximum bipartite matching), and the
 * wishes are scored and improved by a seeded simulated annealing over moves to free stands and swaps,
 * finished by hill climbing:
 * preferred zone, wanted neighbours, avoided neighbours (neighbours = stands adjacent on the plan).
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

/** Maximum matching by augmenting paths (Kuhn), trying each application's candidates in the given order. */
function maximumMatching(apps: ApplicationSpec[], candidates: Map<string, string[]>): Map<string, string> {
  const standOwner = new Map<string, string>();
  const appStand = new Map<string, string>();
  const tryPlace = (appId: string, seen: Set<string>): boolean => {
    for (const standId of candidates.get(appId)!) {
      if (seen.has(standId)) continue;
      seen.add(standId);
      const owner = standOwner.get(standId);
      if (owner === undefined || tryPlace(owner, seen)) {
        standOwner.set(standId, appId);
        appStand.set(appId, standId);
        return true;
      }
    }
    return false;
  };
  for (const app of apps) tryPlace(app.id, new Set());
  return appStand;
}

interface Context {
  apps: Map<string, ApplicationSpec>;
  stands: Map<string, StandSpec>;
  near: Map<string, Set<string>>;
}

/** Score of one application at a stand, given where every other organisation stands. */
function appScore(ctx: Context, app: ApplicationSpec, standId: string, standOfOrg: Map<string, string>): number {
  const stand = ctx.stands.get(standId)!;
  let score = app.preferredZones.includes(stand.zone) ? WEIGHTS.zone : 0;
  const neighbours = ctx.near.get(standId)!;
  for (const org of app.wantedNeighbors) if (neighbours.has(standOfOrg.get(org) ?? '')) score += WEIGHTS.wanted;
  for (const org of app.avoidedNeighbors) if (neighbours.has(standOfOrg.get(org) ?? '')) score -= WEIGHTS.avoided;
  return score;
}

function totalScore(ctx: Context, assignment: Map<string, string>, standOfOrg: Map<string, string>): number {
  let total = 0;
  for (const [appId, standId] of assignment) total += appScore(ctx, ctx.apps.get(appId)!, standId, standOfOrg);
  return total;
}

/** Most constrained first, then stands in the preferred zones first: a good start for the local search. */
function candidateOrder(app: ApplicationSpec, compatible: StandSpec[]): string[] {
  return [...compatible]
    .sort((a, b) => Number(app.preferredZones.includes(b.zone)) - Number(app.preferredZones.includes(a.zone)) || (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
}

export function allocateStands(standList: readonly StandSpec[], appList: readonly ApplicationSpec[], maxRounds = 50): AllocationResult {
  const stands = byId(standList);
  const apps = byId(appList);
  const ctx: Context = { apps: new Map(apps.map((a) => [a.id, a])), stands: new Map(stands.map((s) => [s.id, s])), near: adjacentStands(stands) };
  const compatible = new Map(apps.map((a) => [a.id, stands.filter((s) => fits(s, a))]));
  const candidates = new Map(apps.map((a) => [a.id, candidateOrder(a, compatible.get(a.id)!)]));
  const order = [...apps].sort((a, b) => candidates.get(a.id)!.length - candidates.get(b.id)!.length || (a.id < b.id ? -1 : 1));

  const assignment = maximumMatching(order, candidates);
  const orgOf = (appId: string) => ctx.apps.get(appId)!.organizationId;
  const standOfOrg = new Map([...assignment].map(([appId, standId]) => [orgOf(appId), standId]));
  const appAt = new Map([...assignment].map(([appId, standId]) => [standId, appId]));

  // Local search: keep any move to a free stand, or swap of two placed applications, that raises the total.
  const place = (appId: string, standId: string) => {
    assignment.set(appId, standId);
    appAt.set(standId, appId);
    standOfOrg.set(orgOf(appId), standId);
  };
  // Only applications involved in a change can change score: the two that move and those with a
  // wish about either of their organisations.
  const mentioning = new Map<string, string[]>();
  for (const app of apps) {
    for (const org of [...app.wantedNeighbors, ...app.avoidedNeighbors]) mentioning.set(org, [...(mentioning.get(org) ?? []), app.id]);
  }
  const affectedScore = (ids: string[]) => {
    const seen = new Set<string>();
    let sum = 0;
    for (const id of ids) {
      for (const appId of [id, ...(mentioning.get(orgOf(id)) ?? [])]) {
        const standId = assignment.get(appId);
        if (seen.has(appId) || standId === undefined) continue;
        seen.add(appId);
        sum += appScore(ctx, ctx.apps.get(appId)!, standId, standOfOrg);
      }
    }
    return sum;
  };
  /** Moves `a` to `standId`, swapping with its occupant; returns the change in score. */
  const tryMove = (a: string, standId: string): { gain: number; undo: () => void } | null => {
    const from = assignment.get(a)!;
    const other = appAt.get(standId);
    if (standId === from || (other !== undefined && !fits(ctx.stands.get(from)!, ctx.apps.get(other)!))) return null;
    const involved = other === undefined ? [a] : [a, other];
    const before = affectedScore(involved);
    appAt.delete(from);
    place(a, standId);
    if (other !== undefined) place(other, from);
    return {
      gain: affectedScore(involved) - before,
      undo: () => {
        place(a, from);
        if (other !== undefined) place(other, standId);
        else appAt.delete(standId);
      },
    };
  };

  let current = totalScore(ctx, assignment, standOfOrg);
  let best = { score: current, assignment: new Map(assignment) };
  const placed = [...assignment.keys()].sort();
  // Simulated annealing with a fixed seed (so the same input gives the same plan): mostly
  // improving moves, sometimes a worse one early on to get out of local optima.
  const random = mulberry32(placed.length * 7919 + standList.length);
  const steps = placed.length ? Math.min(200_000, 400 * placed.length) : 0;
  for (let step = 0; step < steps; step++) {
    const a = placed[Math.floor(random() * placed.length)]!;
    const options = candidates.get(a)!;
    const move = tryMove(a, options[Math.floor(random() * options.length)]!);
    if (!move) continue;
    const temperature = 2 * (1 - step / steps) + 0.01;
    if (move.gain >= 0 || random() < Math.exp(move.gain / temperature)) {
      current += move.gain;
      if (current > best.score) best = { score: current, assignment: new Map(assignment) };
    } else {
      move.undo();
    }
  }
  // Continue from the best plan seen, and finish with plain hill climbing.
  assignment.clear();
  appAt.clear();
  standOfOrg.clear();
  for (const [appId, standId] of best.assignment) place(appId, standId);
  current = best.score;
  for (let round = 0; round < maxRounds; round++) {
    let improved = false;
    for (const a of placed) {
      for (const standId of candidates.get(a)!) {
        const move = tryMove(a, standId);
        if (!move) continue;
        if (move.gain > 0) {
          current += move.gain;
          improved = true;
          break;
        }
        move.undo();
      }
    }
    if (!improved) break;
  }

  const result = evaluateAllocation(standList, appList, [...assignment].map(([applicationId, standId]) => ({ applicationId, standId })));
  return { ...result, score: current };
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
