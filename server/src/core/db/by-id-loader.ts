import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A per-request DataLoader factory for "entity by id": one query for all the ids a list asks for.
 * Use with `ctx.loaders.get(factory)`.
 */
export function byIdLoader<T extends { id: string }>(entity: EntityClass<T>) {
  return (em: EntityManager) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
}
