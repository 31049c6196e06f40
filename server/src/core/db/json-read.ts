import { type EntityMetadata, type EntityProperty, ReferenceKind } from '@mikro-orm/core';
import type { Selection } from '../graphql/selection.js';

/**
 * Read paths that answer from one SQL statement. PostgreSQL builds the JSON of exactly the fields a
 * query selected (json_build_object; nested lists as json_agg subqueries) and the API hands the
 * parsed objects to GraphQL as they are: no entities to hydrate, no column nobody asked for, no
 * second round trip for nested lists. Shapes are code, never client input: a selected field that
 * the shape does not name (e.g. `__typename`) is left to GraphQL.
 */
export interface Sql {
  text: string;
  params: unknown[];
}

export type FieldRead =
  /** An SQL expression over the row, e.g. `o.name`. */
  | string
  /** An object read from the same row, e.g. an embedded address. */
  | { object: JsonShape }
  /** A list read by a subquery correlated with the row. */
  | { list: JsonList }
  /** At most one object read by a correlated subquery (the first in its order), or null. */
  | { one: JsonList }
  /** Computed by a field resolver from other fields of the row (optionally with a column of its own). */
  | { needs: readonly string[]; sql?: string };

export type JsonShape = Readonly<Record<string, FieldRead>>;

export interface JsonList {
  /** FROM and JOINs, e.g. `membership m join "user" u on u.id = m.user_id`. */
  from: string;
  /** Ties the subquery to the outer row, with its parameters (`?`). */
  where: Sql;
  orderBy: string;
  shape: JsonShape;
}

// json_build_object takes at most 100 arguments: larger objects are built in parts and merged.
const PAIRS_PER_CALL = 50;

function objectOf(shape: JsonShape, selection: Selection, params: unknown[]): string {
  const wanted = new Map(selection.fields);
  for (const field of selection.fields.keys()) {
    const read = shape[field];
    if (read && typeof read === 'object' && 'needs' in read) for (const needed of read.needs) if (!wanted.has(needed)) wanted.set(needed, selection.at(needed));
  }
  const pairs: string[] = [];
  for (const [field, sub] of wanted) {
    const read = shape[field];
    if (read === undefined) continue;
    const sql = expressionOf(read, sub, params);
    if (sql !== null) pairs.push(`'${field}', ${sql}`);
  }
  if (pairs.length <= PAIRS_PER_CALL) return `json_build_object(${pairs.join(', ')})`;
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) parts.push(`jsonb_build_object(${pairs.slice(i, i + PAIRS_PER_CALL).join(', ')})`);
  return `(${parts.join(' || ')})::json`;
}

function expressionOf(read: FieldRead, selection: Selection, params: unknown[]): string | null {
  if (typeof read === 'string') return read;
  if ('needs' in read) return read.sql ?? null;
  if ('object' in read) return objectOf(read.object, selection, params);
  const { from, where, orderBy, shape } = 'list' in read ? read.list : read.one;
  // Parameters in the order their `?` appear: the element's first, then the subquery's condition.
  const element = objectOf(shape, selection, params);
  params.push(...where.params);
  // A list is built in a sorted subquery and aggregated in that order, not by `json_agg(… order by …)`:
  // PostgreSQL 15 sets up a sort for every aggregate call, which made the fair plan's statement take
  // twice the database time (docs/benchmarks.md).
  return 'list' in read
    ? `(select coalesce(json_agg(e.v), '[]'::json) from (select ${element} as v from ${from} where ${where.text} order by ${orderBy}) e)`
    : `(select ${element} from ${from} where ${where.text} order by ${orderBy} limit 1)`;
}

/** The JSON object expression of `shape` for what `selection` asks, with its parameters. */
export function jsonObject(shape: JsonShape, selection: Selection): Sql {
  const params: unknown[] = [];
  const text = objectOf(shape, selection, params);
  return { text, params };
}

const columnsOf = (props: Iterable<[string, EntityProperty]>, alias: string): JsonShape => {
  const shape: Record<string, FieldRead> = {};
  for (const [name, prop] of props) {
    if (prop.hidden) continue; // never an answer (password hashes, search text)
    if (prop.kind === ReferenceKind.SCALAR) shape[name] = `${alias}."${prop.fieldNames[0]}"`;
    // A many-to-one reads as a reference `{ id }` (null when unset), as an unloaded entity would:
    // field resolvers that load it by `row.relation.id` work on rows and entities alike.
    else if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      const key = `${alias}."${prop.fieldNames[0]}"`;
      shape[name] = `case when ${key} is null then null else json_build_object('id', ${key}) end`;
    }
    else if (prop.kind === ReferenceKind.EMBEDDED) shape[name] = { object: columnsOf(Object.entries(prop.embeddedProps ?? {}), alias) };
  }
  return shape;
};

/**
 * The shape of an entity's own columns (embedded objects nested, many-to-ones as references), from
 * its ORM metadata, so a new column needs no second list. GraphQL fields are named like the
 * properties. Nested data is the caller's to add (`{ ...entityShape(meta, 'o'), members: { list: … } }`).
 */
export function entityShape(meta: EntityMetadata, alias: string): JsonShape {
  // Read paths ask for it on every request; metadata does not change once the ORM is up.
  const byAlias = shapesByEntity.get(meta) ?? shapesByEntity.set(meta, new Map()).get(meta)!;
  let shape = byAlias.get(alias);
  // An embedded object's columns are listed twice: flattened (`address_street`) and under the object.
  if (!shape) byAlias.set(alias, (shape = columnsOf(meta.props.filter((prop) => !prop.embedded).map((prop) => [prop.name, prop]), alias)));
  return shape;
}
const shapesByEntity = new WeakMap<EntityMetadata, Map<string, JsonShape>>();

/**
 * GraphQL hands read rows (plain objects) and entities to the same field resolvers; this tells them
 * apart. Such resolvers must type their root as a union (`@Root() m: Membership | MembershipRow`):
 * with a class type, type-graphql would copy each row into a new entity instance first.
 */
export function isEntity<E extends object, R extends object>(value: E | R, entity: abstract new (...args: never[]) => E): value is E {
  return value instanceof entity;
}

/** For a field the read path computes in SQL: the row's value, or what `compute` makes of an entity. */
export function readOrCompute<E extends object, R extends object, T>(
  root: E | R, entity: abstract new (...args: never[]) => E, field: string, compute: (entity: E) => T,
): T {
  return isEntity(root, entity) ? compute(root) : ((root as Record<string, unknown>)[field] as T);
}
