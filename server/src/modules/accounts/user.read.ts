import type { EntityManager } from '@mikro-orm/postgresql';
import { entityShape, type JsonShape } from '../../core/db/json-read.js';
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
