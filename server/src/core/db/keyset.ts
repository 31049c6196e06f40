import { type ConnectionType, type EntityManager, raw, type QueryBuilder } from '@mikro-orm/postgresql';
import { type Connection, type CursorPart, decodeCursor, toConnection } from '../pagination.js';
import type { Sql } from './json-read.js';
import { queryPrepared } from './prepared.js';

/** A list's sort key: two columns (a value, then the id that breaks ties), as SQL and as properties. */
export interface Keyset {
  columns: readonly [string, string];
  properties: readonly [string, string];
  parts: readonly [CursorPart, CursorPart];
}

/** Any entity's query builder. */
type AnyQueryBuilder = QueryBuilder<any>;

type PageRow<N> = { node: N; key_0: unknown; key_1: unknown; total_count?: string | number };

/**
 * One page of a read path in one statement: the rows of `qb` (its filters set, no cursor yet) after
 * the cursor in key order, each built by PostgreSQL as `node`, and, when `counted` is given (the
 * matches to count, without the cursor), their total by a sub-select of the same statement. Only a
 * page past the end, with no row to carry the total, costs a second statement. The page runs as a
 * prepared statement on the connection `type` that `qb` was made for.
 */
export async function keysetPage<N>(
  em: EntityManager, type: ConnectionType, qb: AnyQueryBuilder,
  options: { keyset: Keyset; first: number; after: string | null | undefined; node: Sql; counted: AnyQueryBuilder | null },
): Promise<Connection<N>> {
  const { keyset: { columns, properties, parts }, first, after, node } = options;
  // Taken before the cursor narrows `qb` (which may be the same builder).
  const counted = options.counted?.clone();
  const count = counted?.clone().count();
  if (after) {
    const key = decodeCursor(after, parts).map((value, i) => (parts[i] === 'instant' ? new Date(value) : value));
    qb.andWhere(`(${columns.join(', ')}) > (?, ?)`, key);
  }
  const total = count ? `, (${count.getQuery()}) as total_count` : '';
  qb.select(raw(`${node.text} as node, ${columns[0]} as key_0, ${columns[1]} as key_1${total}`, [...node.params, ...(count?.getParams() ?? [])]))
    .orderBy({ [properties[0]]: 'asc', [properties[1]]: 'asc' })
    .limit(first + 1);
  const rows = await queryPrepared<PageRow<N>>(em, qb.getQuery(), qb.getParams(), type);
  const totalCount = !count ? 0 : rows.length ? Number(rows[0]!.total_count) : await counted!.getCount();
  const cursorPart = (value: unknown, i: number) => (parts[i] === 'instant' ? new Date(value as string).toISOString() : String(value));
  const page = toConnection(rows, first, totalCount, (row) => [cursorPart(row.key_0, 0), cursorPart(row.key_1, 1)]);
  return { ...page, edges: page.edges.map(({ cursor, node: row }) => ({ cursor, node: row.node })) };
}
