import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './user.entity.js';

/** Users by id, one query per request tick however many list rows ask. */
export const usersById = (em: EntityManager) =>
  new DataLoader<string, User | null>(async (ids) => {
    const users = await em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  });
