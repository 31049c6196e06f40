import { LRUCache } from 'lru-cache';
import { DATABASE_CHANNELS, onNotification } from '../db/notifications.js';

/** What a session lookup found: the answer, whose it is, and until when the session is valid. */
export interface SessionLookup<T> {
  value: T;
  userId: string;
  expiresAt: Date;
}

/**
 * Remembers who a session belongs to, so a signed-in request costs no lookup statement: on the
 * busiest day that lookup is a third of a booking's database work (docs/benchmarks.md).
 *
 * An answer is kept only while it cannot have gone stale unheard: PostgreSQL announces every change
 * to sessions, roles and memberships (`DATABASE_CHANNELS.actorChanged`), and the user's answers are
 * forgotten. Nothing is kept while the server's notification listener is down (`setTrusted(false)`), nor
 * past the session's expiry, nor longer than `ttlMs` (a backstop, should a notification be lost).
 * A lookup during which anything was forgotten is not kept: it may have read the state before.
 * Failed lookups are not kept, so made-up cookies cannot fill the cache.
 */
export class ActorCache<T extends {}> {
  readonly #entries: LRUCache<string, { value: T; userId: string }>;
  readonly #keysByUser = new Map<string, Set<string>>();
  #trusted = false;
  /** Counts forgetting; a lookup that saw it change keeps nothing. */
  #forgets = 0;
  readonly #stopHearing: () => void;

  constructor({ max = 20_000, ttlMs = 60_000 }: { max?: number; ttlMs?: number } = {}) {
    this.#entries = new LRUCache({
      max,
      ttl: ttlMs,
      dispose: ({ userId }, key) => {
        const keys = this.#keysByUser.get(userId);
        keys?.delete(key);
        if (keys?.size === 0) this.#keysByUser.delete(userId);
      },
    });
    this.#stopHearing = onNotification(DATABASE_CHANNELS.actorChanged, (userId) => this.forget(userId));
  }

  /** Whether changes are being heard; either way, what was kept is dropped (it spans a gap). */
  setTrusted(trusted: boolean): void {
    this.#trusted = trusted;
    this.#forgets++;
    this.#entries.clear();
  }

  forget(userId: string): void {
    this.#forgets++;
    for (const key of [...(this.#keysByUser.get(userId) ?? [])]) this.#entries.delete(key);
  }

  /** The answer for `key` (a session token's hash, with whatever else scopes it), from memory or from `load`. */
  async lookup(key: string, load: () => Promise<SessionLookup<T> | null>): Promise<T | null> {
    if (this.#trusted) {
      const hit = this.#entries.get(key);
      if (hit) return hit.value;
    }
    const forgets = this.#forgets;
    const found = await load();
    if (!found) return null;
    const left = found.expiresAt.getTime() - Date.now();
    if (this.#trusted && forgets === this.#forgets && left > 0) {
      this.#entries.set(key, { value: found.value, userId: found.userId }, { ttl: Math.min(left, this.#entries.ttl) });
      let keys = this.#keysByUser.get(found.userId);
      if (!keys) this.#keysByUser.set(found.userId, (keys = new Set()));
      keys.add(key);
    }
    return found.value;
  }

  close(): void {
    this.#stopHearing();
    this.setTrusted(false);
  }
}
