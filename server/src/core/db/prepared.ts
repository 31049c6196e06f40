import { createHash } from 'node:crypto';
import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import pg from 'pg';

/**
 * Hot statements (the request's session, the read pages, a booking) as named prepared statements.
 * MikroORM sends a raw statement with its values written into the text, so PostgreSQL parses and
 * plans it on every request; a named statement is parsed once per connection and, once PostgreSQL
 * finds its generic plan no worse, planned once too. The SQL is written the way `em.execute` takes
 * it (`?` placeholders, an array parameter spread into a list), so a statement moves here unchanged.
 */

/** How many named statements one connection keeps: shapes follow the GraphQL selection, which clients choose. */
export const STATEMENTS_PER_CONNECTION = 200;

/** `?` placeholders to `$n`, with an array parameter spread like MikroORM's inlining (`array[?]` of two ids: `array[$1, $2]`). */
export function toPositional(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let text = '';
  let from = 0;
  let next = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', from)) {
    if (sql[at - 1] === '\\') {
      text += sql.slice(from, at - 1) + '?';
      from = at + 1;
      continue;
    }
    if (sql[at + 1] === '?') throw new Error('Identifier placeholders (??) are not supported in prepared statements.');
    if (next >= params.length) throw new Error(`The statement has more placeholders than its ${params.length} parameters.`);
    const value = params[next++];
    const spread = Array.isArray(value) ? value : [value];
    text += sql.slice(from, at) + spread.map((item) => `$${values.push(item)}`).join(', ');
    from = at + 1;
  }
  if (next !== params.length) throw new Error(`The statement has ${next} placeholders for ${params.length} parameters.`);
  return { text: text + sql.slice(from), values };
}

const namesByConnection = new WeakMap<pg.PoolClient, Set<string>>();

// Hashing a page's statement text on every request cost 1–2% of the fair plan's CPU; a few hundred
// texts cover every shape in use.
const statementNames = new LRUCache<string, string>({ max: 4 * STATEMENTS_PER_CONNECTION });
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `razem_${createHash('sha1').update(text).digest('base64url')}`));
  return name;
};

/** The statement's name on this connection, or undefined once the connection holds its share (then it runs unnamed). */
function nameOn(client: pg.PoolClient, text: string): string | undefined {
  const name = statementName(text);
  let names = namesByConnection.get(client);
  if (!names) namesByConnection.set(client, (names = new Set()));
  if (names.has(name)) return name;
  if (names.size >= STATEMENTS_PER_CONNECTION) return undefined;
  names.add(name);
  return name;
}

/**
 * Runs `sql` as a named prepared statement on a connection of `em`'s pool (`type`: the primary, or a
 * replica for public reads) and answers its rows, parsed as MikroORM parses raw results. Inside a
 * transaction the statement must run on the transaction's connection: it goes through MikroORM then.
 * MikroORM's `onQuery` sees it as it sees every statement (the tests count statements there), and a
 * database error is converted as MikroORM converts it.
 */
export async function queryPrepared<T>(em: EntityManager, sql: string, params: readonly unknown[], type: ConnectionType = 'write'): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, [...params]);
  const connection = em.getConnection(type);
  const { text, values } = toPositional(em.config.get('onQuery')(sql, [...params]), params);
  const pool = (await connection.getNativeClient()) as pg.Pool;
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const name = nameOn(client, text);
    const result = await client.query<T & pg.QueryResultRow>(name ? { name, text, values } : { text, values });
    return result.rows;
  } catch (error) {
    // A broken connection is dropped rather than reused; PostgreSQL's refusal of a statement leaves it usable.
    if (!(error instanceof pg.DatabaseError)) failure = error as Error;
    throw em.getDriver().convertException(error as Error);
  } finally {
    client.release(failure);
  }
}
