import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import { type Connection, type CursorPart, decodeCursor, toConnection } from '../pagination.js';
import type { Sql } from './json-read.js';
import { queryPrepared } from './prepared.js';

/** A list's sort key: two columns (a value, then the id that breaks ties) and how each goes into a cursor. */
export interface Keyset {
  columns: readonly [string, string];
  parts: readonly [CursorPart, CursorPart];
}

/**
 * The rows a page is cut from: FROM with its joins (written by the read path, so MikroORM's query
 * builder, a tenth of the directory's CPU per request, is not on the path) and conditions joined by
 * `and`, with their parameters (`?`; an array parameter spreads into a list, see queryPrepared).
 */
export interface Matches {
  from: string;
  where: readonly Sql[];
}

/** One condition of `Matches.where`. */
export const condition = (text: string, ...params: unknown[]): Sql => ({ text, params });

const whereOf = (conditions: readonly Sql[]): Sql => ({
  text: conditions.length ? ` where ${conditions.map((c) => `(${c.text})`).join(' and ')}` : '',
  params: conditions.flatMap((c) => c.params),
});

type PageRow<N> = { node: N; key_0: unknown; key_1: unknown; total_count?: string | number };

/**
 * One page of a read path in one statement: the rows of `matches` after the cursor in key order, each
 * built by PostgreSQL as `node`, and, when `counted` is given (the matches to count), their total by a
 * sub-select of the same statement. Only a page past the end, with no row to carry the total, costs
 * a second statement. The page runs as a prepared statement on the connection `type`.
 */
export async function keysetPage<N>(
  em: EntityManager, type: ConnectionType,
  options: { keyset: Keyset; first: number; after: string | null | undefined; node: Sql; matches: Matches; counted: Matches | null },
): Promise<Connection<N>> {
  const { keyset: { columns, parts }, first, after, node, matches, counted } = options;
  if (!Number.isSafeInteger(first) || first < 0) throw new Error('keysetPage: first must be a whole number.');
  const cursor = after
    ? [condition(`(${columns.join(', ')}) > (?, ?)`, ...decodeCursor(after, parts).map((value, i) => (parts[i] === 'instant' ? new Date(value) : value)))]
    : [];
  const where = whereOf([...matches.where, ...cursor]);
  const countWhere = counted && whereOf(counted.where);
  const count = counted && `select count(*) as count from ${counted.from}${countWhere!.text}`;
  // The limit is written into the text, not passed: PostgreSQL's generic plan cannot know a limit
  // parameter and guesses a tenth of the rows, so it never looked cheaper than planning each run
  // anew, and every page was planned again (0.6–1 ms). The page sizes a client may ask for are few.
  const text = `select ${node.text} as node, ${columns[0]} as key_0, ${columns[1]} as key_1${count ? `, (${count}) as total_count` : ''}`
    + ` from ${matches.from}${where.text} order by ${columns[0]} asc, ${columns[1]} asc limit ${first + 1}`;
  // Parameters in text order: the node's, the count's (both in the select list), then the page's conditions.
  const rows = await queryPrepared<PageRow<N>>(em, text, [...node.params, ...(countWhere?.params ?? []), ...where.params], type);
  const totalCount = !count ? 0
    : rows.length ? Number(rows[0]!.total_count)
    : Number((await queryPrepared<{ count: string }>(em, count, countWhere!.params, type))[0]!.count);
  const cursorPart = (value: unknown, i: number) => (parts[i] === 'instant' ? new Date(value as string).toISOString() : String(value));
  const page = toConnection(rows, first, totalCount, (row) => [cursorPart(row.key_0, 0), cursorPart(row.key_1, 1)]);
  return { ...page, edges: page.edges.map(({ cursor: at, node: row }) => ({ cursor: at, node: row.node })) };
}
