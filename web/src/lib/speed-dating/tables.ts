export interface PlanPair { round: number; seat: number; stays: string; moves: string }
export interface Participant { name: string; presence: string; affiliation?: string | null }
export interface Person { name: string; affiliation: string | null }
export interface RoundTables { round: number; tables: { seat: number; stays: Person; moves: Person }[]; withoutPartner: Person[] }

/**
 * The plan as staff read it aloud and print it: each round's tables with both people and their
 * organisation or department, and who has no partner in that round.
 *
 * The plan names people but does not identify them, so affiliations are found by name among the
 * participants; a name two participants share gets none rather than a guess. A person without a
 * partner is one still expected in that round: registered, or seated in a later round (so someone
 * who left afterwards still counts for the rounds before they left); no-shows never do.
 */
export function roundTables(plan: PlanPair[], participants: Participant[]): RoundTables[] {
  const byName = Map.groupBy(participants, (p) => p.name);
  const person = (name: string): Person => {
    const namesakes = byName.get(name) ?? [];
    return { name, affiliation: namesakes.length === 1 ? (namesakes[0]!.affiliation ?? null) : null };
  };
  const lastRound = new Map<string, number>();
  for (const p of plan) for (const name of [p.stays, p.moves]) lastRound.set(name, Math.max(lastRound.get(name) ?? 0, p.round));
  return [...Map.groupBy(plan, (p) => p.round)]
    .sort(([a], [b]) => a - b)
    .map(([round, pairs]) => {
      const seated = new Set(pairs.flatMap((p) => [p.stays, p.moves]));
      const expected = (p: Participant) => p.presence === 'REGISTERED' || (p.presence !== 'NO_SHOW' && (lastRound.get(p.name) ?? 0) > round);
      return {
        round,
        tables: pairs.toSorted((a, b) => a.seat - b.seat).map((p) => ({ seat: p.seat, stays: person(p.stays), moves: person(p.moves) })),
        withoutPartner: participants.filter((p) => !seated.has(p.name) && expected(p)).map((p) => person(p.name)),
      };
    });
}
