import type { EntityManager } from '@mikro-orm/postgresql';
import { lockForUpdate } from './db/locks.js';
import { conflict } from './errors.js';

/**
 * The states a record may move between, in one table per kind of record, so every status change
 * (staff buttons, the desk, background jobs) obeys the same rules and a refusal always says why.
 */
export class Lifecycle<S extends string> {
  constructor(
    /** What the record is, for messages ("Edition", "Sign-up"). */
    readonly subject: string,
    readonly moves: { readonly [state in S]: readonly S[] },
  ) {}

  allows(from: S, to: S): boolean {
    return this.moves[from].includes(to);
  }

  /** Throws CONFLICT (reason INVALID_TRANSITION) naming the current and the requested state. */
  assertMove(from: S, to: S): void {
    if (this.allows(from, to)) return;
    const allowed = this.moves[from];
    throw conflict('INVALID_TRANSITION', `${this.subject} is ${from}; it cannot become ${to}${allowed.length ? ` (only ${allowed.join(', ')})` : ''}.`, {
      currentStatus: from, requestedStatus: to, allowedStatuses: allowed,
    });
  }

  /**
   * Moves a stored record to `to`, safe against a second request doing the same (another desk, a
   * double press): the row is locked and re-read first, so the rule is checked against what is stored.
   * Call inside a transaction; returns the state it came from.
   */
  async move<R extends object & { status: S }>(em: EntityManager, record: R, to: S): Promise<S> {
    await lockForUpdate(em, record);
    const from = record.status;
    this.assertMove(from, to);
    record.status = to;
    return from;
  }
}
