import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs one data-changing statement (`update …`, `delete …`) and counts the rows it changed. */
export async function countChanged(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows = await em.execute<{ n: number }[]>(`with changed as (${sql} returning 1) select count(*)::int as n from changed`, params);
  return rows[0]?.n ?? 0;
}
