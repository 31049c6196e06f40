import { mulberry32 } from '../../core/random.js';
import { Assignment, maxWeightAssignment } from './assignment.js';

/**
 * Exact stand allocation by branch and bound (pure and numeric; `allocation.ts` builds the problem).
 *
 * OBJECTIVE, lexicographic: first the number of placed applications (every plan considered places
 * the most possible), then the wish score. Scores here are in HALF points so that a pair's score can
 * be split in two without fractions: zone 6, one-way wanted neighbour 4, one-way avoided −6.
 *
 * BOUND at a node (some applications fixed to a stand, others with a reduced set of allowed
 * stands): an assignment problem, solved exactly by the Hungarian method, over the free
 * applications and the stands left, with weight BIG + an upper bound on what the application can
 * earn there:
 *  - its zone score;
 *  - per wish pair whose other side is fixed: the exact pair score (negative ones too);
 *  - per positive pair with both sides free: "credits" g_a(s) ≥ 0, g_b(t) ≥ 0 such that
 *    g_a(s) + g_b(t) ≥ w for every two adjacent stands s, t the two may still take;
 *  - per negative pair with both sides free: 0.
 * Every plan of the node scores at most Σ over its placed applications of these weights (a pair
 * earns w only on adjacent stands, which the credits cover; credits are ≥ 0 otherwise), and BIG
 * exceeds any score difference, so the assignment optimum minus BIG × placed bounds every plan of
 * the node that places the most applications; if the assignment places fewer, the node has no
 * such plan. Credits start split in half, then improve by dual ascent (a pair's credit is moved to
 * the other side where the Hungarian dual slack absorbs it, which cannot raise the bound because
 * the old dual solution stays feasible) and, at the root, by projected subgradient steps. Whatever
 * the credits, as long as they satisfy the covering inequalities the bound is valid.
 *
 * SEARCH: depth first. A node's relaxed assignment is itself a valid plan: it is scored exactly,
 * improved by local search, and kept if best. A node is cut when ⌊bound / 2⌋ ≤ best score (scores
 * are whole points). Branching takes the application whose pair credits overstate most what its
 * relaxed stand really earns and splits its allowed stands in two (its zone / the rest, else two
 * halves of the plan, else that one stand / the rest); both branches keep "not placed" open except
 * a branch fixing the application to one stand. The assignment problem is re-optimised from the
 * last optimum at every solve (see assignment.ts), so a node costs a few augmenting paths.
 *
 * TIME: at the root, dual ascent (up to 25 % of the budget), simulated annealing and exact
 * re-placement of independent sets for the first plan (up to 45 %), subgradient steps on the
 * credits (up to 60 %), then branch and bound. When the time or node budget ends, the highest bound
 * among the unexplored nodes (or the best score) is the proven bound, and the gap is reported.
 */

export interface SearchProblem {
  nApps: number;
  nStands: number;
  /** fitsAt[a * nStands + s] = 1 when application a may take stand s (hard rules). */
  fitsAt: Uint8Array;
  /** adjacent[s * nStands + t] = 1 for stands next to each other. */
  adjacent: Uint8Array;
  neighbours: Int32Array[];
  /** Zone score (half points) of application a on stand s. */
  zone: Float64Array;
  /** Zone index and centre of each stand (used only to choose how to branch). */
  zoneOf: Int32Array;
  centreX: Float64Array;
  centreY: Float64Array;
  /** Wish pairs, a < b, w = summed weight of both directions in half points, w ≠ 0. */
  pairs: { a: number; b: number; w: number }[];
}

export interface SearchOptions {
  /** Wall-clock budget of the search (the first plan and bound are always produced). */
  timeLimitMs: number;
  /** Budget in branch-and-bound nodes: a limit that gives the same result on every machine. */
  nodeLimit: number;
}

export interface SearchResult {
  /** Stand of each application, −1 = not placed. */
  standOf: Int32Array;
  /** Score of that plan, half points. */
  value: number;
  /** Proven upper bound on the score of any plan placing `placed` applications, half points. */
  bound: number;
  /** The most applications any plan can place (and this one does). */
  placed: number;
  provenOptimal: boolean;
  nodes: number;
}

export function searchAllocation(problem: SearchProblem, options: SearchOptions): SearchResult {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const { nApps: n, nStands: m, fitsAt, adjacent, neighbours, zone, pairs } = problem;
  const pairsOf: number[][] = Array.from({ length: n }, () => []);
  pairs.forEach((p, i) => {
    pairsOf[p.a]!.push(i);
    pairsOf[p.b]!.push(i);
  });
  const otherOf = (pi: number, a: number) => (pairs[pi]!.a === a ? pairs[pi]!.b : pairs[pi]!.a);
  const compat: Int32Array[] = Array.from({ length: n }, (_, a) => {
    const list: number[] = [];
    for (let s = 0; s < m; s++) if (fitsAt[a * m + s]) list.push(s);
    return Int32Array.from(list);
  });

  // BIG exceeds any difference in score between two plans: one more placed application always wins.
  let big = 1;
  for (let a = 0; a < n; a++) {
    let most = 0;
    for (const s of compat[a]!) most = Math.max(most, Math.abs(zone[a * m + s]!));
    big += most;
    for (const pi of pairsOf[a]!) big += Math.abs(pairs[pi]!.w);
  }

  // ----- Exact value of a plan and local search --------------------------------------------------
  const valueOf = (standOf: Int32Array) => {
    let v = 0;
    for (let a = 0; a < n; a++) if (standOf[a]! >= 0) v += zone[a * m + standOf[a]!]!;
    for (const p of pairs) {
      const s = standOf[p.a]!;
      const t = standOf[p.b]!;
      if (s >= 0 && t >= 0 && adjacent[s * m + t]) v += p.w;
    }
    return v;
  };
  /** What application a earns on stand s with everyone else where `standOf` has them. */
  const scoreAt = (standOf: Int32Array, a: number, s: number) => {
    let v = zone[a * m + s]!;
    for (const pi of pairsOf[a]!) {
      const t = standOf[otherOf(pi, a)]!;
      if (t >= 0 && adjacent[s * m + t]) v += pairs[pi]!.w;
    }
    return v;
  };

  /**
   * Local search among plans placing as many: move to a free stand, swap two placed applications,
   * or an unplaced application takes a stand (its holder leaves). Simulated annealing with a fixed
   * seed for `steps` steps, then first-improvement hill climbing. Changes `standOf`; returns its value.
   */
  const improve = (standOf: Int32Array, value: number, steps: number, seed: number) => {
    const appAt = new Int32Array(m).fill(-1);
    for (let a = 0; a < n; a++) if (standOf[a]! >= 0) appAt[standOf[a]!] = a;
    const legal = (a: number, s: number) => {
      const from = standOf[a]!;
      if (s === from) return false;
      const b = appAt[s]!;
      if (from < 0) return b >= 0;
      return b < 0 || fitsAt[b * m + from] === 1;
    };
    /** Score of x (zone and pairs), not counting its pair with `other` when other < x (counted from other's side). */
    const share = (x: number, other: number) => {
      const sx = standOf[x]!;
      if (sx < 0) return 0;
      let v = zone[x * m + sx]!;
      for (const pi of pairsOf[x]!) {
        const y = otherOf(pi, x);
        if (y === other && y < x) continue;
        const sy = standOf[y]!;
        if (sy >= 0 && adjacent[sx * m + sy]) v += pairs[pi]!.w;
      }
      return v;
    };
    /** Gain of moving a to s (its holder b goes to a's stand, or out if a had none). */
    const gainOf = (a: number, s: number) => {
      const from = standOf[a]!;
      const b = appAt[s]!;
      let before = share(a, b);
      if (b >= 0) before += share(b, a);
      standOf[a] = s;
      if (b >= 0) standOf[b] = from;
      let after = share(a, b);
      if (b >= 0) after += share(b, a);
      standOf[a] = from;
      if (b >= 0) standOf[b] = s;
      return after - before;
    };
    const apply = (a: number, s: number) => {
      const from = standOf[a]!;
      const b = appAt[s]!;
      standOf[a] = s;
      appAt[s] = a;
      if (from >= 0) appAt[from] = b;
      if (b >= 0) standOf[b] = from;
    };
    let current = value;
    if (steps > 0) {
      let bestValue = value;
      const bestPlan = Int32Array.from(standOf);
      const random = mulberry32(seed);
      for (let step = 0; step < steps; step++) {
        const a = Math.floor(random() * n);
        const options = compat[a]!;
        if (!options.length) continue;
        const s = options[Math.floor(random() * options.length)]!;
        if (!legal(a, s)) continue;
        const gain = gainOf(a, s);
        const temperature = 4 * (1 - step / steps) + 0.05;
        if (gain >= 0 || random() < Math.exp(gain / temperature)) {
          apply(a, s);
          current += gain;
          if (current > bestValue) {
            bestValue = current;
            bestPlan.set(standOf);
          }
        }
      }
      standOf.set(bestPlan);
      appAt.fill(-1);
      for (let a = 0; a < n; a++) if (standOf[a]! >= 0) appAt[standOf[a]!] = a;
      current = bestValue;
    }
    for (let pass = 0; pass < 100; pass++) {
      let improved = false;
      for (let a = 0; a < n; a++) {
        for (const s of compat[a]!) {
          if (!legal(a, s)) continue;
          const gain = gainOf(a, s);
          if (gain > 0) {
            apply(a, s);
            current += gain;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
    return current;
  };

  /**
   * Exact re-placement of an independent set of the wish graph (no wish between any two of them):
   * with everyone else staying, each one's score on each stand is known exactly, so the Hungarian
   * method re-places them all at once, optimally, on their stands and the free ones. Returns the gain.
   */
  const reassign = (standOf: Int32Array, group: number[]) => {
    const taken = new Uint8Array(m);
    for (let a = 0; a < n; a++) if (standOf[a]! >= 0) taken[standOf[a]!] = 1;
    let before = 0;
    let placedBefore = 0;
    for (const a of group) {
      if (standOf[a]! < 0) continue;
      taken[standOf[a]!] = 0;
      before += scoreAt(standOf, a, standOf[a]!);
      placedBefore++;
    }
    const open: number[] = [];
    for (let s = 0; s < m; s++) if (!taken[s]) open.push(s);
    const appsAreRows = group.length <= open.length;
    const rows = appsAreRows ? group.length : open.length;
    const cols = appsAreRows ? open.length : group.length;
    const weight = new Float64Array(rows * cols);
    group.forEach((a, i) => {
      open.forEach((s, j) => {
        if (fitsAt[a * m + s]) weight[appsAreRows ? i * cols + j : j * cols + i] = big + scoreAt(standOf, a, s);
      });
    });
    const result = maxWeightAssignment(rows, cols, weight);
    const next = new Int32Array(group.length).fill(-1);
    let placedAfter = 0;
    for (let r = 0; r < rows; r++) {
      const c = result.colOfRow[r]!;
      if (weight[r * cols + c]! <= 0) continue;
      placedAfter++;
      if (appsAreRows) next[r] = open[c]!;
      else next[c] = open[r]!;
    }
    const after = result.value - big * placedAfter;
    if (placedAfter < placedBefore || (placedAfter === placedBefore && after <= before)) return 0;
    group.forEach((a, i) => { standOf[a] = next[i]!; });
    return after - before;
  };

  /** Independent sets of the wish graph covering all applications: a greedy colouring in `order`. */
  const colourClasses = (order: number[]) => {
    const colour = new Int32Array(n).fill(-1);
    const classes: number[][] = [];
    for (const a of order) {
      const used = new Set<number>();
      for (const pi of pairsOf[a]!) used.add(colour[otherOf(pi, a)]!);
      let c = 0;
      while (used.has(c)) c++;
      colour[a] = c;
      (classes[c] ??= []).push(a);
    }
    return classes;
  };

  /** Local search, then exact re-placement of independent sets, alternating until neither helps. */
  const polish = (standOf: Int32Array, steps: number, rounds: number, seed: number, until = Infinity) => {
    let value = improve(standOf, valueOf(standOf), steps, seed);
    const random = mulberry32(seed ^ 0x5bd1e995);
    let idle = 0;
    for (let round = 0; round < rounds && idle < 3 && elapsed() < until; round++) {
      const order = Array.from({ length: n }, (_, a) => a);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let gained = 0;
      for (const group of colourClasses(order)) gained += reassign(standOf, group);
      if (gained > 0) {
        value = improve(standOf, value + gained, 0, seed);
        idle = 0;
      } else idle++;
    }
    return value;
  };

  let best = { standOf: new Int32Array(n).fill(-1), value: -Infinity, placed: -1 };
  const offer = (standOf: Int32Array, placed: number, value: number) => {
    if (placed > best.placed || (placed === best.placed && value > best.value)) best = { standOf: Int32Array.from(standOf), value, placed };
  };

  // ----- Node state and relaxation ----------------------------------------------------------------
  const fixedAt = new Int32Array(n).fill(-1);
  const takenBy = new Int32Array(m).fill(-1);
  /** Stands removed from an application's allowed set by branching. */
  const banned = new Uint8Array(n * m);
  /** At the current node: free application a may take stand s. */
  const allowedNow = new Uint8Array(n * m);

  // Credits of positive pairs: credit[(pi * 2 + side) * m + s], side 0 = pair.a, side 1 = pair.b.
  let credit = new Float64Array(pairs.length * 2 * m);
  pairs.forEach((p, pi) => {
    if (p.w <= 0) return;
    for (const [side, x, y] of [[0, p.a, p.b], [1, p.b, p.a]] as const) {
      for (const s of compat[x]!) if (neighbours[s]!.some((t) => fitsAt[y * m + t])) credit[(pi * 2 + side) * m + s] = p.w / 2;
    }
  });
  const creditBase = (pi: number, a: number) => (pi * 2 + (pairs[pi]!.a === a ? 0 : 1)) * m;

  const cost = new Float64Array(n * m);
  const slack = new Float64Array(n * m);
  const matchOf = new Int32Array(n).fill(-1);
  let free: number[] = [];

  // The relaxation's assignment problem, kept between nodes so that each solve starts from the last
  // optimum: rows are applications (then dummies), columns stands (then dummies). A free application
  // has BIG + its weight on a stand it may take, 0 on any other open stand or dummy column ("not
  // placed"), −∞ on a stand taken by a fixed application; a fixed one has BIG on its stand only.
  const size = Math.max(n, m, 1);
  const relaxation = new Assignment(size);
  const W = relaxation.weight;

  /** Solves the node's assignment problem; returns the bound (half points) and the number placed. */
  const solveRelaxation = () => {
    free = [];
    let constant = 0;
    let fixedPlaced = 0;
    for (let a = 0; a < n; a++) {
      const at = fixedAt[a]!;
      const row = a * size;
      if (at >= 0) {
        fixedPlaced++;
        constant += zone[a * m + at]!;
        W.fill(-Infinity, row, row + size);
        W[row + at] = big;
        continue;
      }
      free.push(a);
      for (let s = 0; s < m; s++) W[row + s] = takenBy[s]! >= 0 ? -Infinity : 0;
      W.fill(0, row + m, row + size);
      for (const s of compat[a]!) {
        const ok = banned[a * m + s] === 0 && takenBy[s]! < 0;
        allowedNow[a * m + s] = ok ? 1 : 0;
        if (!ok) continue;
        let c = zone[a * m + s]!;
        for (const pi of pairsOf[a]!) {
          const t = fixedAt[otherOf(pi, a)]!;
          const w = pairs[pi]!.w;
          if (t >= 0) {
            if (adjacent[s * m + t]) c += w;
          } else if (w > 0) c += credit[creditBase(pi, a) + s]!;
        }
        cost[a * m + s] = c;
        W[row + s] = big + c;
      }
    }
    for (let d = n; d < size; d++) for (let s = 0; s < m; s++) W[d * size + s] = takenBy[s]! >= 0 ? -Infinity : 0;
    for (const p of pairs) {
      const s = fixedAt[p.a]!;
      const t = fixedAt[p.b]!;
      if (s >= 0 && t >= 0 && adjacent[s * m + t]) constant += p.w;
    }
    const value = relaxation.solve();
    let placed = fixedPlaced;
    for (const a of free) {
      const s = relaxation.colOfRow[a]!;
      matchOf[a] = s < m && allowedNow[a * m + s] ? s : -1;
      if (matchOf[a]! >= 0) placed++;
      const pot = relaxation.rowPot(a);
      for (const t of compat[a]!) if (allowedNow[a * m + t]) slack[a * m + t] = pot + relaxation.colPot(t) - W[a * size + t]!;
    }
    return { bound: constant + value - big * placed, placed };
  };

  /** Least credit of x on stand s that covers pair pi given the other side's credits. */
  const leastCredit = (pi: number, x: number, s: number) => {
    const y = otherOf(pi, x);
    const gy = creditBase(pi, y);
    const w = pairs[pi]!.w;
    let need = 0;
    for (const t of neighbours[s]!) if (allowedNow[y * m + t] && w - credit[gy + t]! > need) need = w - credit[gy + t]!;
    return need;
  };

  /** Dual ascent step: moves pair pi's credit off x's side onto y's wherever y's slack absorbs it. */
  const relieve = (pi: number, x: number) => {
    const y = otherOf(pi, x);
    const w = pairs[pi]!.w;
    const gx = creditBase(pi, x);
    const gy = creditBase(pi, y);
    for (const t of compat[y]!) {
      if (!allowedNow[y * m + t]) continue;
      const room = Math.min(w - credit[gy + t]!, slack[y * m + t]!);
      if (room <= 0) continue;
      credit[gy + t]! += room;
      cost[y * m + t]! += room;
      slack[y * m + t]! -= room;
    }
    for (const s of compat[x]!) {
      if (!allowedNow[x * m + s]) continue;
      const drop = credit[gx + s]! - leastCredit(pi, x, s);
      if (drop <= 0) continue;
      credit[gx + s]! -= drop;
      cost[x * m + s]! -= drop;
      slack[x * m + s]! += drop;
    }
  };

  /** How much pair pi's credits at the relaxed stands overstate what the pair earns there. */
  const overstatement = (pi: number) => {
    const { a, b, w } = pairs[pi]!;
    const sa = matchOf[a]!;
    const sb = matchOf[b]!;
    const together = sa >= 0 && sb >= 0 && adjacent[sa * m + sb] === 1;
    if (w < 0) return together ? -w : 0;
    const ca = sa >= 0 ? credit[pi * 2 * m + sa]! : 0;
    const cb = sb >= 0 ? credit[(pi * 2 + 1) * m + sb]! : 0;
    return ca + cb - (together ? w : 0);
  };
  const bothFree = (pi: number) => fixedAt[pairs[pi]!.a]! < 0 && fixedAt[pairs[pi]!.b]! < 0;

  const ascend = (maxRounds: number, patience: number, until = Infinity) => {
    let r = solveRelaxation();
    let idle = 0;
    for (let round = 0; round < maxRounds && idle < patience && elapsed() < until; round++) {
      let changed = false;
      for (let pi = 0; pi < pairs.length; pi++) {
        if (pairs[pi]!.w <= 0 || !bothFree(pi) || overstatement(pi) <= 0) continue;
        const { a, b } = pairs[pi]!;
        const ca = matchOf[a]! >= 0 ? credit[pi * 2 * m + matchOf[a]!]! : 0;
        const cb = matchOf[b]! >= 0 ? credit[(pi * 2 + 1) * m + matchOf[b]!]! : 0;
        relieve(pi, ca >= cb ? a : b);
        changed = true;
      }
      if (!changed) break;
      const next = solveRelaxation();
      idle = next.bound < r.bound - 0.5 ? 0 : idle + 1;
      r = next;
    }
    return r;
  };

  /**
   * Projected subgradient on the side-1 credits, side 0 kept least: the bound is convex in them,
   * with subgradient +1 where b stands and −1 where a's credit comes from. Keeps the best credits.
   */
  const subgradient = (start: { bound: number; placed: number }, until: number, target: number) => {
    let r = start;
    let bestBound = start.bound;
    const bestCredit = credit.slice();
    let theta = 1;
    let stale = 0;
    const grad = new Map<number, number>();
    for (let it = 0; it < 500 && theta > 1 / 64 && elapsed() < until; it++) {
      grad.clear();
      for (let pi = 0; pi < pairs.length; pi++) {
        const { a, b, w } = pairs[pi]!;
        if (w <= 0 || !bothFree(pi)) continue;
        const g1 = (pi * 2 + 1) * m;
        const sa = matchOf[a]!;
        const sb = matchOf[b]!;
        if (sb >= 0) grad.set(g1 + sb, (grad.get(g1 + sb) ?? 0) + 1);
        if (sa >= 0 && credit[pi * 2 * m + sa]! > 0) {
          let arg = -1;
          let most = 0;
          for (const t of neighbours[sa]!) if (allowedNow[b * m + t] && w - credit[g1 + t]! > most) { most = w - credit[g1 + t]!; arg = t; }
          if (arg >= 0) grad.set(g1 + arg, (grad.get(g1 + arg) ?? 0) - 1);
        }
      }
      let norm = 0;
      for (const g of grad.values()) norm += g * g;
      if (norm === 0) break;
      const step = (theta * Math.max(r.bound - target, 1)) / norm;
      const touched = new Set<number>();
      for (const [index, g] of grad) {
        const pi = Math.floor(index / (2 * m));
        credit[index] = Math.min(pairs[pi]!.w, Math.max(0, credit[index]! - step * g));
        touched.add(pi);
      }
      for (const pi of touched) {
        const a = pairs[pi]!.a;
        for (const s of compat[a]!) if (allowedNow[a * m + s]) credit[pi * 2 * m + s] = leastCredit(pi, a, s);
      }
      r = solveRelaxation();
      if (r.bound < bestBound - 1e-9) {
        bestBound = r.bound;
        bestCredit.set(credit);
        stale = 0;
      } else if (++stale >= 10) {
        theta /= 2;
        stale = 0;
      }
      if (Math.floor(bestBound / 2 + 1e-6) <= Math.floor(target / 2)) break;
    }
    credit.set(bestCredit);
    return r.bound === bestBound ? r : solveRelaxation();
  };

  // ----- Branch and bound --------------------------------------------------------------------------
  let nodes = 0;
  let openBound = -Infinity;
  let maxPlaced = 0;
  const outOfBudget = () => nodes >= options.nodeLimit || elapsed() > options.timeLimitMs;
  /** Whole points; the tolerance absorbs rounding in fractional credits (scores are whole points). */
  const points = (halfPoints: number) => Math.floor(halfPoints / 2 + 1e-6);
  const cut = (bound: number) => points(bound) <= points(best.value);

  /** The allowed stands of x split in two, the part holding `s` first. */
  const split = (x: number, s: number): number[] => {
    const domain: number[] = [];
    for (const t of compat[x]!) if (allowedNow[x * m + t]) domain.push(t);
    const sameZone = domain.filter((t) => problem.zoneOf[t] === problem.zoneOf[s]);
    if (sameZone.length < domain.length) return sameZone;
    if (domain.length <= 3) return [s];
    const spread = (c: Float64Array) => Math.max(...domain.map((t) => c[t]!)) - Math.min(...domain.map((t) => c[t]!));
    const axis = spread(problem.centreX) >= spread(problem.centreY) ? problem.centreX : problem.centreY;
    const sorted = [...domain].sort((p, q) => axis[p]! - axis[q]! || p - q);
    const half = sorted.indexOf(s) < sorted.length / 2 ? sorted.slice(0, Math.ceil(sorted.length / 2)) : sorted.slice(Math.ceil(sorted.length / 2));
    return half;
  };

  const visit = (parentBound: number, depth: number): void => {
    if (depth > 0 && outOfBudget()) {
      openBound = Math.max(openBound, parentBound);
      return;
    }
    nodes++;
    const limit = options.timeLimitMs;
    let r = depth === 0 ? ascend(200, 4, 0.25 * limit) : ascend(8, 1);
    if (depth === 0) maxPlaced = r.placed;
    if (r.placed < maxPlaced) return;
    const plan = Int32Array.from(fixedAt);
    for (const a of free) plan[a] = matchOf[a]!;
    if (depth === 0) {
      offer(plan, r.placed, polish(plan, Math.min(300_000, 600 * n), 30, 7919 * n + m, 0.45 * limit));
      if (!cut(r.bound)) {
        r = subgradient(r, 0.6 * limit, best.value);
        const again = Int32Array.from(fixedAt);
        for (const a of free) again[a] = matchOf[a]!;
        offer(again, r.placed, polish(again, 0, 10, nodes, 0.7 * limit));
      }
    } else {
      const value = improve(plan, valueOf(plan), 0, 0);
      offer(plan, r.placed, value >= best.value - 12 ? polish(plan, 0, 3, nodes) : value);
    }
    if (cut(r.bound)) return;

    let pick = -1;
    let worst = 0;
    for (let pi = 0; pi < pairs.length; pi++) {
      if (!bothFree(pi)) continue;
      const over = overstatement(pi);
      if (over <= worst) continue;
      const { a, b, w } = pairs[pi]!;
      const sa = matchOf[a]!;
      const sb = matchOf[b]!;
      let x = sa >= 0 ? a : b;
      if (w > 0 && sa >= 0 && sb >= 0 && credit[(pi * 2 + 1) * m + sb]! > credit[pi * 2 * m + sa]!) x = b;
      if (matchOf[x]! < 0) continue;
      worst = over;
      pick = x;
    }
    if (pick < 0) return; // the relaxation is exact here, and its plan was offered
    const s = matchOf[pick]!;
    const part = split(pick, s);
    const rest: number[] = [];
    for (const t of compat[pick]!) if (allowedNow[pick * m + t] && !part.includes(t)) rest.push(t);
    const saved = credit.slice();
    if (part.length === 1) {
      fixedAt[pick] = s;
      takenBy[s] = pick;
      visit(r.bound, depth + 1);
      fixedAt[pick] = -1;
      takenBy[s] = -1;
    } else {
      for (const t of rest) banned[pick * m + t] = 1;
      visit(r.bound, depth + 1);
      for (const t of rest) banned[pick * m + t] = 0;
    }
    credit = saved.slice();
    for (const t of part) banned[pick * m + t] = 1;
    visit(r.bound, depth + 1);
    for (const t of part) banned[pick * m + t] = 0;
    credit = saved;
  };
  visit(Infinity, 0);

  const bound = Math.max(best.value, openBound);
  return {
    standOf: best.standOf,
    value: best.value,
    bound,
    placed: best.placed,
    provenOptimal: points(bound) <= points(best.value),
    nodes,
  };
}
