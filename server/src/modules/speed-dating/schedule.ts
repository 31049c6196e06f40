/**
 * Rotation schedules for civic speed dating: pure functions, no I/O.
 *
 * Two sides sit opposite each other at one long table. The stationary side keeps its seats (and
 * leaflets); the moving side moves one seat along each round. Rules that always hold: nobody meets
 * the same person twice, nobody meets someone of their own group (organisation or department),
 * nobody is in two pairs at once. Where a rule would be broken the pair is skipped and reported.
 */

export type Side = 'STATIONARY' | 'MOVING';

export interface Person {
  id: string;
  /** Organisation or department: people of one group never meet. */
  group: string;
  /** NGO representatives and officials; only used to favour NGO-official pairs in everyone mode. */
  kind: 'NGO' | 'OFFICIAL';
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
  rounds: Round[];
  /** Pairs the rules forbade (same group) or that could not fit in the rounds available. */
  notes: string[];
  newPairs: number;
  /** The most new pairs any plan could give with these people, history and rounds. */
  maxPossiblePairs: number;
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Positions 0..n-1 that hold an empty chair (`count` of them), spread as evenly as possible: a
 * balanced sequence, so any run of rounds gives each person the same number of sit-outs ±1.
 */
export function spreadPositions(n: number, count: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * n) / count)));
}

/**
 * Side against side (NGO representatives opposite officials). With n = the larger side, round r
 * seats stationary i opposite moving (i + r) mod n, the smaller side padded with empty chairs
 * spread evenly. n rounds give every cross pair exactly once; each person sits out in turn.
 */
export function sideBySidePlan(stationary: readonly Person[], moving: readonly Person[], roundCount: number): Plan {
  const n = Math.max(stationary.length, moving.length);
  const pad = (people: readonly Person[]) => {
    const empty = spreadPositions(n, n - people.length);
    const seats: (Person | null)[] = [];
    let next = 0;
    for (let i = 0; i < n; i++) seats.push(empty.has(i) ? null : people[next++]!);
    return seats;
  };
  const left = pad(stationary);
  const right = pad(moving);
  const notes: string[] = [];
  const rounds: Round[] = [];
  let newPairs = 0;
  for (let r = 0; r < Math.min(roundCount, n); r++) {
    const pairs: Pair[] = [];
    const sitOuts: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = left[i];
      const b = right[(i + r) % n];
      if (a && b && a.group !== b.group) {
        pairs.push({ seat: i + 1, stationary: a.id, moving: b.id });
        newPairs++;
      } else {
        if (a && b) notes.push(`Round ${r + 1}: ${a.id} and ${b.id} are of one group and do not meet.`);
        if (a) sitOuts.push(a.id);
        if (b) sitOuts.push(b.id);
      }
    }
    rounds.push({ pairs, sitOuts });
  }
  const allowed = stationary.reduce((sum, a) => sum + moving.filter((b) => b.group !== a.group).length, 0);
  const maxPossiblePairs = Math.min(allowed, Math.min(roundCount, n) * Math.min(stationary.length, moving.length));
  if (roundCount < n) notes.push(`${n} rounds are needed for everyone to meet everyone opposite; the time allows ${roundCount}.`);
  return { rounds, notes, newPairs, maxPossiblePairs };
}

/**
 * Everyone meets everyone: the circle method (one fixed, the others rotate). n even: n-1 rounds;
 * n odd: n rounds with one person sitting out in each, everyone once. When fewer rounds fit, the
 * rounds with the most NGO-official pairs are kept (in their original order).
 */
export function everyonePlan(people: readonly Person[], roundCount: number): Plan {
  const list: (Person | null)[] = [...people];
  if (list.length % 2) list.push(null);
  const n = list.length;
  const candidates: { pairs: [Person, Person][]; sitOuts: Person[]; cross: number }[] = [];
  const notes: string[] = [];
  for (let r = 0; r < n - 1; r++) {
    const order = [list[0], ...Array.from({ length: n - 1 }, (_, i) => list[1 + ((i + r) % (n - 1))])];
    const pairs: [Person, Person][] = [];
    const sitOuts: Person[] = [];
    for (let i = 0; i < n / 2; i++) {
      const a = order[i]!;
      const b = order[n - 1 - i]!;
      if (a && b && a.group !== b.group) pairs.push([a, b]);
      else {
        if (a && b) notes.push(`${a.id} and ${b.id} are of one group and do not meet.`);
        if (a) sitOuts.push(a);
        if (b) sitOuts.push(b);
      }
    }
    candidates.push({ pairs, sitOuts, cross: pairs.filter(([a, b]) => a.kind !== b.kind).length });
  }
  const keep = new Set(
    candidates.map((c, i) => ({ i, score: c.cross * 1000 + c.pairs.length })).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, roundCount).map((c) => c.i),
  );
  const rounds = candidates
    .filter((_, i) => keep.has(i))
    .map((c) => ({
      // NGO representatives keep their seats when the pair is mixed.
      pairs: c.pairs.map(([a, b], seat) => (b.kind === 'NGO' && a.kind !== 'NGO' ? { seat: seat + 1, stationary: b.id, moving: a.id } : { seat: seat + 1, stationary: a.id, moving: b.id })),
      sitOuts: c.sitOuts.map((p) => p.id),
    }));
  if (roundCount < n - 1) notes.push(`${n - 1} rounds are needed for everyone to meet everyone; the time allows ${roundCount}.`);
  const allowed = people.reduce((sum, a, i) => sum + people.slice(i + 1).filter((b) => b.group !== a.group).length, 0);
  const newPairs = rounds.reduce((sum, r) => sum + r.pairs.length, 0);
  return { rounds, notes, newPairs, maxPossiblePairs: Math.min(allowed, Math.min(roundCount, n - 1) * Math.floor(people.length / 2)) };
}

/**
 * Re-planning during a session (late arrivals, people who left): the remaining rounds for the
 * people present, with no pair that already met and no same-group pair. Each round is a maximum
 * matching (augmenting paths) that tries first those who sat out most, so sit-outs stay fair.
 */
export function replan(
  stationary: readonly Person[], moving: readonly Person[], met: readonly [string, string][], roundCount: number,
  sitOutsSoFar: ReadonlyMap<string, number> = new Map(),
): Plan {
  const seen = new Set(met.map(([a, b]) => key(a, b)));
  const allowed = stationary.reduce((sum, a) => sum + moving.filter((b) => b.group !== a.group && !seen.has(key(a.id, b.id))).length, 0);
  const sitOuts = new Map(sitOutsSoFar);
  const seatOf = new Map(stationary.map((p, i) => [p.id, i + 1]));
  const rounds: Round[] = [];
  let newPairs = 0;
  for (let r = 0; r < roundCount; r++) {
    const byNeed = <T extends Person>(people: readonly T[]) => [...people].sort((a, b) => (sitOuts.get(b.id) ?? 0) - (sitOuts.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
    const movingOrder = byNeed(moving);
    const partnerOf = new Map<string, string>(); // moving id -> stationary id
    const tryMatch = (s: Person, visited: Set<string>): boolean => {
      for (const m of movingOrder) {
        if (visited.has(m.id) || m.group === s.group || seen.has(key(s.id, m.id))) continue;
        visited.add(m.id);
        const current = partnerOf.get(m.id);
        if (current === undefined || tryMatch(stationary.find((x) => x.id === current)!, visited)) {
          partnerOf.set(m.id, s.id);
          return true;
        }
      }
      return false;
    };
    for (const s of byNeed(stationary)) tryMatch(s, new Set());
    const pairs = [...partnerOf].map(([m, s]) => ({ seat: seatOf.get(s)!, stationary: s, moving: m })).sort((a, b) => a.seat - b.seat);
    if (!pairs.length) break;
    const busy = new Set(pairs.flatMap((p) => [p.stationary, p.moving]));
    const out = [...stationary, ...moving].filter((p) => !busy.has(p.id)).map((p) => p.id);
    for (const p of pairs) seen.add(key(p.stationary, p.moving));
    for (const id of out) sitOuts.set(id, (sitOuts.get(id) ?? 0) + 1);
    newPairs += pairs.length;
    rounds.push({ pairs, sitOuts: out });
  }
  return { rounds, notes: [], newPairs, maxPossiblePairs: Math.min(allowed, roundCount * Math.min(stationary.length, moving.length)) };
}
