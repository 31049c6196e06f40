import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Transaction-scoped advisory locks on `namespace:key` for each key, always taken in sorted order so
 * two transactions never wait on each other in a cycle. For rules that span rows no single row lock
 * covers, such as "a person's confirmed bookings never overlap" across two slots.
 */
export async function lockKeys(em: EntityManager, namespace: string, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort().map((key) => `${namespace}:${key}`);
  if (!sorted.length) return;
  // unnest keeps the array's order, so the locks are taken in it.
  await em.execute('select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array[?]::text[]) as k', [sorted]);
}

/**
 * Locks a loaded record's row until the transaction ends and re-reads it, so the checks that follow
 * see what is stored now, not what this request read earlier (a second desk may have just changed it).
 */
export async function lockForUpdate(em: EntityManager, record: object): Promise<void> {
  await em.lock(record, LockMode.PESSIMISTIC_WRITE);
  await em.refresh(record);
}
