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

/**
 * A counted stock (a slot's seats, a campaign's baubles) with a first-come waiting list beyond it.
 * Change it only while holding its row's lock (`SELECT … FOR UPDATE`), so the count is never
 * oversold and waiting numbers follow the true arrival order.
 */
export interface LockedStock {
  /** Units free now. */
  readonly available: number;
  take(quantity: number): void;
  /** Hands out the next waiting-list number. */
  nextQueueNumber(): number;
}

/** Takes `quantity` from the stock when it fits; otherwise gives the next place on the waiting list. */
export function takeOrQueue(stock: LockedStock, quantity: number): { fits: boolean; queueNumber: number | null } {
  if (quantity <= stock.available) {
    stock.take(quantity);
    return { fits: true, queueNumber: null };
  }
  return { fits: false, queueNumber: stock.nextQueueNumber() };
}

/** Serves the waiting list from what the stock has free now (by `entriesToPromote`); returns the entries served. */
export function serveWaitingList<T>(stock: LockedStock, waiting: readonly T[], asEntry: (item: T) => WaitingEntry): T[] {
  const entries = waiting.map(asEntry);
  const chosen = new Set(entriesToPromote(stock.available, entries));
  const served = waiting.filter((_, i) => chosen.has(entries[i]!.id));
  for (const item of served) stock.take(asEntry(item).partySize);
  return served;
}
