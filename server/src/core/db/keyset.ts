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

/** Where a page's select list goes in the builder's SQL. */
const COLUMNS = 'razem_keyset_page_columns';

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
  // The columns go in after the builder has written its SQL: a raw select would write their values
  // into the text, and a statement per viewer (their id in it) would never be prepared twice.
  qb.select(raw(COLUMNS)).orderBy({ [properties[0]]: 'asc', [properties[1]]: 'asc' });
  const [head, tail, ...rest] = qb.getQuery().split(COLUMNS);
  if (tail === undefined || rest.length) throw new Error('keysetPage: the page query must name its columns once.');
  if (!Number.isSafeInteger(first) || first < 0) throw new Error('keysetPage: first must be a whole number.');
  const total = count ? `, (${count.getQuery()}) as total_count` : '';
  // The limit is written into the text, not passed: PostgreSQL's generic plan cannot know a limit
  // parameter and guesses a tenth of the rows, so it never looked cheaper than planning each run
  // anew, and every page was planned again (0.6–1 ms). The page sizes a client may ask for are few.
  const text = `${head}${node.text} as node, ${columns[0]} as key_0, ${columns[1]} as key_1${total}${tail} limit ${first + 1}`;
  // Parameters in text order: the node's, the count's (both in the select list), then the builder's.
  const rows = await queryPrepared<PageRow<N>>(em, text, [...node.params, ...(count?.getParams() ?? []), ...qb.getParams()], type);
  const totalCount = !count ? 0 : rows.length ? Number(rows[0]!.total_count) : await counted!.getCount();
  const cursorPart = (value: unknown, i: number) => (parts[i] === 'instant' ? new Date(value as string).toISOString() : String(value));
  const page = toConnection(rows, first, totalCount, (row) => [cursorPart(row.key_0, 0), cursorPart(row.key_1, 1)]);
  return { ...page, edges: page.edges.map(({ cursor, node: row }) => ({ cursor, node: row.node })) };
}
