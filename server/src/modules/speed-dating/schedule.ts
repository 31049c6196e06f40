/**
 * Rotation schedules for civic speed dating: pure functions, no I/O.
 *
 * Rules that always hold: nobody meets the same person twice (in the whole session, re-plans
 * included), nobody meets someone of their own group (organisation or department), nobody is in two
 * pairs in one round. Side against side pairs only NGO representatives (stationary side) with
 * officials (moving side); everyone-meets-everyone pairs any two people of different groups.
 *
 * Priority, as staff would put it: "as many conversations as the time allows; among plans with
 * that many, sit-outs shared as evenly as possible". So:
 *   1. the most new pairs;
 *   2. then the fairest sit-outs, counted over the WHOLE session (rounds played before a re-plan
 *      included; a late arrival's missed rounds count as sit-outs, so they get partners first):
 *      the largest count as small as possible, then the next largest, … ("decreasingly minimal";
 *      this also makes largest-minus-smallest as small as it can be). Side against side compares
 *      people of one side (the larger side must sit out more); everyone mode compares all.
 * Fairness never costs a conversation: when someone can meet nobody more (everyone left is of
 * their group or already met), their extra sit-outs do not make others sit out too.
 *
 * Side against side is solved exactly: the pairs are a degree-bounded subgraph of the bipartite
 * graph of allowed pairs (min-cost flow, convex costs for fairness), and König's theorem colours it
 * into the rounds (each colour a round). So the plan has the most pairs, and sit-outs within one on
 * each side whenever any plan with the most pairs has that.
 *
 * Everyone mode is a general graph, where fitting pairs into rounds is NP-hard: a randomised search
 * of round-by-round maximum matchings, reported against an upper bound and called optimal only when
 * it reaches that bound. Guaranteed locally: each round is a maximum matching of the pairs still
 * available to it, and no round can be re-paired so that someone with two more sit-outs plays
 * instead of someone with fewer; full fairness is sought, and proven when a floor is reached.
 */
import { colourBipartite, fairestMaximumBMatching, FlowNetwork } from './flow.js';
import { BlossomMatcher } from './matching.js';
import { mulberry32 } from '../../core/random.js';

export type Side = 'STATIONARY' | 'MOVING';
export type Mode = 'SIDES' | 'EVERYONE';

export interface Person {
  id: string;
  /** Organisation or department: people of one group never meet. */
  group: string;
  /** NGO representatives and officials; in everyone mode NGO-official pairs are preferred on ties. */
  kind: 'NGO' | 'OFFICIAL';
  /** For notes; the id when absent. */
  name?: string;
}

export interface Pair {
  seat: number;
  stationary: string;
  moving: string;
}

export interface Round {
  pairs: Pair[];
  sitOuts: string[];
}

export interface Plan {
  /** Exactly `roundCount` rounds (a round may be empty when nobody can meet anyone new). */
  rounds: Round[];
  notes: string[];
  newPairs: number;
  /**
   * No plan for these people, history and rounds can give more new pairs than this. Side against
   * side: the exact optimum (the plan always reaches it). Everyone mode: an upper bound.
   */
  maxPossiblePairs: number;
  /** True only when newPairs == maxPossiblePairs, i.e. the plan is proven to have the most pairs. */
  provenOptimal: boolean;
}

export interface PlanRequest {
  mode: Mode;
  /** Side against side: NGO representatives (keep their seats). Everyone mode: anyone. */
  stationary: readonly Person[];
  /** Side against side: officials (move). Everyone mode: anyone. */
  moving: readonly Person[];
  roundCount: number;
  /** Pairs that have already met (in any order); never planned again. */
  met?: readonly (readonly [string, string])[];
  /** Sit-outs so far in the session, by person id (missing: 0). */
  sitOutsSoFar?: ReadonlyMap<string, number>;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const label = (p: Person) => p.name ?? p.id;

/** Plans `roundCount` rounds for the people present, by the rules and priority above. */
export function planRounds(request: PlanRequest): Plan {
  const roundCount = Math.max(0, Math.floor(request.roundCount));
  const seen = new Set((request.met ?? []).map(([a, b]) => key(a, b)));
  const sitOuts = request.sitOutsSoFar ?? new Map<string, number>();
  return request.mode === 'SIDES'
    ? planSides(request.stationary, request.moving, roundCount, seen, sitOuts)
    : planEveryone([...request.stationary, ...request.moving], new Set(request.stationary.map((p) => p.id)), roundCount, seen, sitOuts);
}

/** Side against side, first plan. */
export function sideBySidePlan(stationary: readonly Person[], moving: readonly Person[], roundCount: number): Plan {
  return planRounds({ mode: 'SIDES', stationary, moving, roundCount });
}

/** Everyone meets everyone, first plan. */
export function everyonePlan(people: readonly Person[], roundCount: number): Plan {
  return planRounds({ mode: 'EVERYONE', stationary: people, moving: [], roundCount });
}

/**
 * Re-planning during a session (late arrivals, people who left): the remaining rounds for the
 * people present, in the session's mode, with no pair that already met, balancing sit-outs over
 * the whole session (pass the sit-outs so far).
 */
export function replan(
  stationary: readonly Person[], moving: readonly Person[], met: readonly (readonly [string, string])[], roundCount: number,
  sitOutsSoFar: ReadonlyMap<string, number> = new Map(), mode: Mode = 'SIDES',
): Plan {
  return planRounds({ mode, stationary, moving, roundCount, met, sitOutsSoFar });
}

/** A short note naming pairs that may not meet because they are of one group. */
function sameGroupNote(pairs: [Person, Person][]): string[] {
  if (!pairs.length) return [];
  const shown = pairs.slice(0, 10).map(([a, b]) => `${label(a)} and ${label(b)}`).join('; ');
  const more = pairs.length > 10 ? ` (and ${pairs.length - 10} more pairs)` : '';
  return [`Of one organisation or department, so they do not meet: ${shown}${more}.`];
}

// ---------------------------------------------------------------------------------------------
// Side against side

function planSides(stationary: readonly Person[], moving: readonly Person[], T: number, seen: Set<string>, sitOutsSoFar: ReadonlyMap<string, number>): Plan {
  const L = stationary.length;
  const R = moving.length;
  const sameGroup: [Person, Person][] = [];
  const adjacency = stationary.map((a) => {
    const list: number[] = [];
    moving.forEach((b, j) => {
      if (a.group === b.group) sameGroup.push([a, b]);
      else if (!seen.has(key(a.id, b.id))) list.push(j);
    });
    return list;
  });
  const sitLeft = stationary.map((p) => sitOutsSoFar.get(p.id) ?? 0);
  const sitRight = moving.map((p) => sitOutsSoFar.get(p.id) ?? 0);
  const chosen = T > 0
    ? fairestMaximumBMatching({
      adjacency, rightCount: R, capLeft: stationary.map(() => T), capRight: moving.map(() => T),
      baseLeft: sitLeft.map((s) => s + T), baseRight: sitRight.map((s) => s + T),
    })
    : [];

  let rounds: Round[];
  const rotation = seen.size === 0 && sitLeft.every((s) => s === 0) && sitRight.every((s) => s === 0) ? rotationPlan(stationary, moving, T) : null;
  if (rotation && rotation.pairCount === chosen.length && sameSquares(rotation.rounds, chosen, stationary, moving, T)) {
    // The simple rotation (moving side one seat along per round) is as good: staff can announce it.
    rounds = rotation.rounds;
  } else {
    const colours = colourBipartite(L + R, chosen.map(([l, r]) => [l, L + r]), Math.max(T, 1));
    const byRound: Pair[][] = Array.from({ length: T }, () => []);
    chosen.forEach(([l, r], e) => byRound[colours[e]!]!.push({ seat: l + 1, stationary: stationary[l]!.id, moving: moving[r]!.id }));
    // Fuller rounds first: if the session is cut short, the most conversations have happened.
    byRound.sort((a, b) => b.length - a.length);
    rounds = byRound.map((pairs) => {
      pairs.sort((a, b) => a.seat - b.seat);
      const busy = new Set(pairs.flatMap((p) => [p.stationary, p.moving]));
      return { pairs, sitOuts: [...stationary, ...moving].filter((p) => !busy.has(p.id)).map((p) => p.id) };
    });
  }

  const notes = sameGroupNote(sameGroup);
  const degreeRight = new Array<number>(R).fill(0);
  for (const list of adjacency) for (const j of list) degreeRight[j]!++;
  const maxDegree = Math.max(0, ...adjacency.map((a) => a.length), ...degreeRight);
  if (maxDegree > T) notes.push(`${maxDegree} rounds are needed for everyone to meet everyone opposite they may meet; the time allows ${T}.`);
  return { rounds, notes, newPairs: chosen.length, maxPossiblePairs: chosen.length, provenOptimal: true };
}

/** Sum of squared whole-session sit-outs per side equal for the rotation and the optimal pairs? */
function sameSquares(rounds: Round[], chosen: [number, number][], stationary: readonly Person[], moving: readonly Person[], T: number) {
  const squares = (degrees: Map<string, number>, side: readonly Person[]) => side.reduce((sum, p) => sum + (T - (degrees.get(p.id) ?? 0)) ** 2, 0);
  const rotationDegrees = new Map<string, number>();
  for (const round of rounds) for (const p of round.pairs) for (const id of [p.stationary, p.moving]) rotationDegrees.set(id, (rotationDegrees.get(id) ?? 0) + 1);
  const optimalDegrees = new Map<string, number>();
  for (const [l, r] of chosen) for (const id of [stationary[l]!.id, moving[r]!.id]) optimalDegrees.set(id, (optimalDegrees.get(id) ?? 0) + 1);
  return squares(rotationDegrees, stationary) === squares(optimalDegrees, stationary) && squares(rotationDegrees, moving) === squares(optimalDegrees, moving);
}

/**
 * Positions 0..n-1 that hold an empty chair (`count` of them), spread as evenly as possible: a
 * balanced sequence, so any run of rounds gives each person the same number of sit-outs ±1.
 */
export function spreadPositions(n: number, count: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * n) / count)));
}

/**
 * The classic rotation: with n = the larger side, round r seats stationary i opposite moving
 * (i + r) mod n, the smaller side padded with evenly spread empty chairs; same-group pairs sit out.
 * Used only when it is as good as the optimal plan.
 */
function rotationPlan(stationary: readonly Person[], moving: readonly Person[], T: number) {
  const n = Math.max(stationary.length, moving.length);
  if (T > n) return null;
  const pad = (people: readonly Person[]) => {
    const empty = spreadPositions(n, n - people.length);
    const seats: (Person | null)[] = [];
    let next = 0;
    for (let i = 0; i < n; i++) seats.push(empty.has(i) ? null : people[next++]!);
    return seats;
  };
  const left = pad(stationary);
  const right = pad(moving);
  const rounds: Round[] = [];
  let pairCount = 0;
  for (let r = 0; r < T; r++) {
    const pairs: Pair[] = [];
    const sitOuts: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = left[i];
      const b = right[(i + r) % n];
      if (a && b && a.group !== b.group) {
        pairs.push({ seat: i + 1, stationary: a.id, moving: b.id });
        pairCount++;
      } else {
        if (a) sitOuts.push(a.id);
        if (b) sitOuts.push(b.id);
      }
    }
    rounds.push({ pairs, sitOuts });
  }
  return { rounds, pairCount };
}

// ---------------------------------------------------------------------------------------------
// Everyone meets everyone


/**
 * An upper bound on the new pairs in T rounds: per connected component of the graph of allowed
 * pairs, the smaller of (a) the best fractional degree-bounded subgraph (each person in at most T
 * pairs, each pair at most once; max flow in the bipartite double cover, halved, rounded down) and
 * (b) T times the component's maximum matching (each round is a matching).
 */
export function everyoneUpperBound(adjacency: readonly (readonly number[])[], T: number): number {
  const n = adjacency.length;
  if (T <= 0 || n < 2) return 0;
  // Components.
  const component = new Int32Array(n).fill(-1);
  let components = 0;
  for (let v = 0; v < n; v++) {
    if (component[v] !== -1) continue;
    const stack = [v];
    component[v] = components;
    while (stack.length) {
      const u = stack.pop()!;
      for (const w of adjacency[u]!) if (component[w] === -1) { component[w] = components; stack.push(w); }
    }
    components++;
  }
  const network = new FlowNetwork(2 * n + 2);
  const s = 2 * n;
  const t = 2 * n + 1;
  const sourceArcs = Array.from({ length: n }, (_, v) => network.addArc(s, v, T));
  for (let v = 0; v < n; v++) {
    network.addArc(n + v, t, T);
    for (const w of adjacency[v]!) network.addArc(v, n + w, 1);
  }
  network.maxFlow(s, t);
  const flow = new Array<number>(components).fill(0);
  sourceArcs.forEach((arc, v) => { flow[component[v]!]! += network.flowOn(arc); });
  const matcher = new BlossomMatcher(adjacency);
  greedyMatch(matcher, adjacency, Array.from({ length: n }, (_, v) => v));
  matcher.maximise(Array.from({ length: n }, (_, v) => v), new Float64Array(n));
  const matching = new Array<number>(components).fill(0);
  for (let v = 0; v < n; v++) if (matcher.match[v]! > v) matching[component[v]!]!++;
  let bound = 0;
  for (let c = 0; c < components; c++) bound += Math.min(Math.floor(flow[c]! / 2), T * matching[c]!);
  return bound;
}

function greedyMatch(matcher: BlossomMatcher, adjacency: readonly (readonly number[])[], order: readonly number[]) {
  const { match } = matcher;
  for (const v of order) {
    if (match[v] !== -1) continue;
    for (const w of adjacency[v]!) {
      if (match[w] === -1) {
        match[v] = w;
        match[w] = v;
        break;
      }
    }
  }
}

interface EveryoneResult {
  rounds: [number, number][][];
  pairs: number;
  squares: number;
  cross: number;
}

/**
 * The least sum of squares of whole-session sit-out counts f (integers, f ≥ floor per person,
 * summing to `total`): water-filling. No plan with that many sit-outs is fairer than this, so a
 * plan reaching it is decreasingly minimal.
 */
export function fairnessFloor(floors: readonly number[], total: number): number {
  if (!floors.length) return 0;
  const filled = (level: number) => floors.reduce((sum, f) => sum + Math.max(f, level), 0);
  let low = Math.min(...floors);
  let high = Math.max(low, Math.ceil(total / floors.length)) + 1;
  if (filled(low) > total) return -1; // not reachable: never equal to a plan's sum
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (filled(mid) <= total) low = mid;
    else high = mid - 1;
  }
  let extra = total - filled(low);
  let squares = 0;
  for (const f of floors) {
    if (f > low) squares += f * f;
    else if (extra > 0) { squares += (low + 1) ** 2; extra--; }
    else squares += low * low;
  }
  return squares;
}

function planEveryone(people: Person[], stationaryIds: Set<string>, T: number, seen: Set<string>, sitOutsSoFar: ReadonlyMap<string, number>): Plan {
  const n = people.length;
  const sameGroup: [Person, Person][] = [];
  const allowed = new Uint8Array(n * n);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const a = people[u]!;
      const b = people[v]!;
      if (a.group === b.group) sameGroup.push([a, b]);
      else if (!seen.has(key(a.id, b.id))) allowed[u * n + v] = allowed[v * n + u] = 1;
    }
  }
  const adjacency = Array.from({ length: n }, (_, u) => {
    const list: number[] = [];
    for (let v = 0; v < n; v++) if (allowed[u * n + v]) list.push(v);
    return list;
  });
  const bound = everyoneUpperBound(adjacency, T);
  const sit0 = people.map((p) => sitOutsSoFar.get(p.id) ?? 0);
  const cross = (u: number, v: number) => people[u]!.kind !== people[v]!.kind;
  const best = searchEveryone(n, allowed, adjacency, T, sit0, cross, bound);

  const toPair = (u: number, v: number, seat: number): Pair => {
    const [a, b] = [people[u]!, people[v]!];
    // NGO representatives keep their seats in mixed pairs; otherwise whoever was listed stationary.
    const aStays = a.kind !== b.kind ? a.kind === 'NGO' : stationaryIds.has(a.id) || !stationaryIds.has(b.id);
    return aStays ? { seat, stationary: a.id, moving: b.id } : { seat, stationary: b.id, moving: a.id };
  };
  const rounds: Round[] = best.rounds.map((pairs) => {
    const busy = new Set(pairs.flat());
    return { pairs: pairs.map(([u, v], i) => toPair(u, v, i + 1)), sitOuts: people.filter((_, i) => !busy.has(i)).map((p) => p.id) };
  });
  const notes = sameGroupNote(sameGroup);
  const maxDegree = Math.max(0, ...adjacency.map((a) => a.length));
  if (maxDegree > T) notes.push(`At least ${maxDegree} rounds are needed for everyone to meet everyone they may meet; the time allows ${T}.`);
  const provenOptimal = best.pairs === bound;
  if (!provenOptimal) notes.push(`This plan has ${best.pairs} new pairs. No plan can have more than ${bound}; whether ${bound} can be reached was not proven.`);
  return { rounds, notes, newPairs: best.pairs, maxPossiblePairs: bound, provenOptimal };
}

/** Circle-method rounds for 0..n-1 (one fixed, the others rotate): a perfect schedule without groups. */
function circleRounds(n: number): [number, number][][] {
  const list: number[] = Array.from({ length: n }, (_, i) => i);
  if (n % 2) list.push(-1);
  const m = list.length;
  const rounds: [number, number][][] = [];
  for (let r = 0; r < m - 1; r++) {
    const order = [list[0]!, ...Array.from({ length: m - 1 }, (_, i) => list[1 + ((i + r) % (m - 1))]!)];
    const pairs: [number, number][] = [];
    for (let i = 0; i < m / 2; i++) if (order[i]! >= 0 && order[m - 1 - i]! >= 0) pairs.push([order[i]!, order[m - 1 - i]!]);
    rounds.push(pairs);
  }
  return rounds;
}

/**
 * Round by round: each round a maximum matching among the pairs still allowed, whose unmatched
 * people are, in order of preference, those who can afford to sit out (fewer people left to meet
 * than rounds left), then those with the fewest sit-outs so far. Several randomised runs (one seeded
 * with the circle method); the best by (pairs, sum of squared sit-outs, NGO-official pairs) wins,
 * stopping early once both the pairs and the fairness reach their bounds (proven best).
 */
function searchEveryone(
  n: number, allowed: Uint8Array, adjacency: number[][], T: number, sit0: number[], cross: (u: number, v: number) => boolean, bound: number,
): EveryoneResult {
  const circle = circleRounds(n);
  // Nobody can sit out fewer than the rounds they have nobody left to meet in.
  const floors = sit0.map((s, v) => s + T - Math.min(T, adjacency[v]!.length));
  const total = sit0.reduce((sum, s) => sum + s + T, 0);
  const work = Math.max(1, n * n * Math.max(T, 1));
  const runs = Math.max(3, Math.min(40, Math.floor(3e6 / work)));
  let best: EveryoneResult | null = null;
  for (let run = 0; run < runs; run++) {
    const rng = mulberry32(0x5eed + run * 7919);
    const remaining = allowed.slice();
    const left = adjacency.map((a) => a.length); // partners still possible
    const sit = sit0.slice();
    const rounds: [number, number][][] = [];
    const weight = new Float64Array(n);
    const jitter = Float64Array.from({ length: n }, () => rng());
    for (let r = 0; r < T; r++) {
      const roundsLeft = T - r;
      for (let v = 0; v < n; v++) {
        const pressed = left[v]! >= roundsLeft ? 1 : 0;
        // Runs vary whom they keep playing first: those who cannot afford a sit-out (they have as
        // many people left to meet as rounds left), those who sat out most, or chance.
        const strategy = run % 3;
        weight[v] = strategy === 0 ? pressed * 1e9 + sit[v]! * 1e4 + (run === 0 ? 0 : rng() * 100)
          : strategy === 1 ? sit[v]! * 1e9 + pressed * 1e4 + rng() * 100
          : pressed * 1e9 + rng() * 1e6 + sit[v]! * 1e4;
        weight[v]! += jitter[v]!;
      }
      const adj = Array.from({ length: n }, (_, u) => {
        const list: number[] = [];
        for (const v of adjacency[u]!) if (remaining[u * n + v]) list.push(v);
        return list;
      });
      const order = Array.from({ length: n }, (_, v) => v).sort((a, b) => weight[b]! - weight[a]!);
      const matcher = new BlossomMatcher(adj);
      const { match } = matcher;
      if (run === 0 && r < circle.length) {
        for (const [u, v] of circle[r]!) if (remaining[u * n + v]) { match[u] = v; match[v] = u; }
      }
      // Greedy start: the most pressed first, each with the free partner who has fewest options left.
      for (const u of order) {
        if (match[u] !== -1 || !adj[u]!.length) continue;
        let pick = -1;
        let pickScore = -Infinity;
        for (const v of adj[u]!) {
          if (match[v] !== -1) continue;
          const score = (left[v]! >= roundsLeft ? 1e6 : 0) - left[v]! * 100 + (cross(u, v) ? 50 : 0) + (run === 0 ? 0 : rng() * 60);
          if (score > pickScore) { pickScore = score; pick = v; }
        }
        if (pick !== -1) { match[u] = pick; match[pick] = u; }
      }
      matcher.maximise(order, weight);
      const pairs: [number, number][] = [];
      for (let u = 0; u < n; u++) {
        const v = match[u]!;
        if (v > u) {
          pairs.push([u, v]);
          remaining[u * n + v] = remaining[v * n + u] = 0;
          left[u]!--;
          left[v]!--;
        } else if (v === -1) sit[u]!++;
      }
      rounds.push(pairs);
    }
    polishEveryone(n, adjacency, rounds, sit);
    let crossPairs = 0;
    for (const round of rounds) for (const [u, v] of round) if (cross(u, v)) crossPairs++;
    const pairs = rounds.reduce((sum, round) => sum + round.length, 0);
    const squares = sit.reduce((sum, s) => sum + s * s, 0);
    const result = { rounds, pairs, squares, cross: crossPairs };
    if (!best || pairs > best.pairs || (pairs === best.pairs && (squares < best.squares || (squares === best.squares && crossPairs > best.cross)))) best = result;
    if (best.pairs === bound && best.squares === fairnessFloor(floors, total - 2 * bound)) break;
  }
  return best!;
}

/**
 * Local guarantees for everyone mode, round by round until nothing changes: each round is a
 * maximum matching among the pairs still available to it (allowed, not met, not in another round),
 * and no round can be re-paired, with the same people playing except two, so that someone with at
 * least two more sit-outs (over the whole session) plays instead of someone with fewer.
 * `sit` holds the whole-session sit-out counts and is kept up to date.
 */
function polishEveryone(n: number, adjacency: readonly (readonly number[])[], rounds: [number, number][][], sit: number[]) {
  const roundOf = new Int32Array(n * n).fill(-1);
  rounds.forEach((pairs, r) => { for (const [u, v] of pairs) roundOf[u * n + v] = roundOf[v * n + u] = r; });
  for (let changed = true; changed; ) {
    changed = false;
    rounds.forEach((pairs, r) => {
      const adj = adjacency.map((list, u) => list.filter((v) => roundOf[u * n + v] === -1 || roundOf[u * n + v] === r));
      const matcher = new BlossomMatcher(adj);
      const { match } = matcher;
      for (const [u, v] of pairs) { match[u] = v; match[v] = u; }
      let touched = false;
      for (let u = 0; u < n; u++) {
        if (match[u] !== -1 || !adj[u]!.length) continue;
        const end = matcher.search(u);
        if (end !== -1) {
          matcher.augment(end);
          sit[u]!--;
          sit[end]!--;
          touched = true;
        }
      }
      for (let improved = true; improved; ) {
        improved = false;
        const exposed = Array.from({ length: n }, (_, v) => v).filter((v) => match[v] === -1 && adj[v]!.length).sort((a, b) => sit[b]! - sit[a]!);
        for (const u of exposed) {
          const end = matcher.search(u);
          if (end !== -1) {
            // Cannot happen after the pass above (Edmonds); if it did, another pair is better still.
            matcher.augment(end);
            sit[u]!--;
            sit[end]!--;
            improved = touched = true;
            break;
          }
          let fewest = -1;
          for (let w = 0; w < n; w++) if (w !== u && matcher.isOuter(w) && (fewest === -1 || sit[w]! < sit[fewest]!)) fewest = w;
          if (fewest !== -1 && sit[fewest]! <= sit[u]! - 2) {
            matcher.exchange(fewest);
            sit[u]!--;
            sit[fewest]!++;
            improved = touched = true;
            break;
          }
        }
      }
      if (!touched) return;
      changed = true;
      for (const [u, v] of pairs) roundOf[u * n + v] = roundOf[v * n + u] = -1;
      pairs.length = 0;
      for (let u = 0; u < n; u++) {
        if (match[u]! > u) {
          pairs.push([u, match[u]!]);
          roundOf[u * n + match[u]!] = roundOf[match[u]! * n + u] = r;
        }
      }
    });
  }
}
