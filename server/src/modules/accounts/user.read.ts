import type { EntityManager } from '@mikro-orm/postgresql';
import { entityShape, jsonObject, type JsonShape } from '../../core/db/json-read.js';
import { queryPrepared } from '../../core/db/prepared.js';
import type { Selection } from '../../core/graphql/selection.js';
import { User } from './user.entity.js';

/**
 * How other modules' read paths nest a user (e.g. an organisation's members). Email and phone stay
 * behind User's field resolvers, which need the id to decide who may see them.
 */
export function userReadShape(em: EntityManager, alias: string): JsonShape {
  return {
    ...entityShape(em.getMetadata(User), alias),
    email: { needs: ['id'], sql: `${alias}.email` },
    phone: { needs: ['id'], sql: `${alias}.phone` },
  };
}

/** A user as read paths answer them: the selected fields of their row. */
export type UserRow = Partial<User> & { id: string };

/** The signed-in user as `me` asks for them: one prepared statement, no entity (pages ask on every view). */
export async function readUser(em: EntityManager, id: string, selection: Selection): Promise<UserRow | null> {
  const { text, params } = jsonObject(userReadShape(em, 'u'), selection);
  const [row] = await queryPrepared<{ user: UserRow }>(em, `select ${text} as "user" from "user" u where u.id = ?`, [...params, id]);
  return row?.user ?? null;
}
