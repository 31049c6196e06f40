import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { fieldError } from './errors.js';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection`/`XEdge` GraphQL types for a node type (Relay-style, forward only). */
export function ConnectionType<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${node.name}Connection`, { simpleResolvers: true })
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'All matches, not only this page.' }) totalCount!: number;
  }
  return ConnectionClass;
}

/** Cursors are opaque to clients: the keyset (sort key + id) of the last row, base64url-encoded. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a keyset is, so a cursor from another list (or a forged one) is refused, not run. */
export type CursorPart = 'text' | 'instant' | 'uuid';

const partIsValid: Record<CursorPart, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string',
  instant: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  uuid: (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(key) && key.length === parts.length && parts.every((part, i) => partIsValid[part](key[i]))) return key as string[];
  } catch {
    // fall through to the error below
  }
  throw fieldError('after', 'invalidCursor', 'The cursor is not one this API returned.');
}

export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw fieldError('first', 'range', `Page size must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Turns `first + 1` fetched rows into a page: the extra row only tells that there is a next page. */
export function toConnection<T>(rows: T[], first: number, totalCount: number, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
