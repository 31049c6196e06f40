/** A waiting-list entry as the promotion rule sees it (a booking's party, a sign-up's baubles…). */
export interface WaitingEntry {
  id: string;
  /** Seats or items it needs. */
  partySize: number;
  /** The person already holds a confirmed booking at an overlapping time. */
  clashes: boolean;
}

/**
 * Which waiting entries to confirm when seats (or stock) free up: in arrival order, every entry that fits in
 * the seats still free and does not clash; an entry that does not fit keeps its place and later,
 * smaller parties may go ahead of it (seats are never left idle for a party that cannot use them).
 */
export function entriesToPromote(freeSeats: number, waiting: readonly WaitingEntry[]): string[] {
  const promoted: string[] = [];
  let free = freeSeats;
  for (const entry of waiting) {
    if (entry.clashes || entry.partySize > free) continue;
    promoted.push(entry.id);
    free -= entry.partySize;
  }
  return promoted;
}
