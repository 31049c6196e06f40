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
