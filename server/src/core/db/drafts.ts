import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../context.js';
import { notFound } from '../errors.js';

/** Things staff prepare (editions, campaigns, fairs) start as DRAFT and stay hidden from others until then. */
interface Draftable {
  id: string;
  status: string;
}

/** One of the caller's municipality by id; a draft only for those who may see drafts (else NOT_FOUND). */
export async function findVisible<T extends Draftable>(em: EntityManager, entity: EntityClass<T>, caller: Caller, id: string, what: string, maySeeDrafts: boolean): Promise<T> {
  const row = (await em.findOne(entity, { id, municipality: caller.municipality.id } as never)) as T | null;
  if (!row || (row.status === 'DRAFT' && !maySeeDrafts)) throw notFound(what);
  return row;
}

/** The filter for lists: everything of the municipality, drafts only for those who may see them. */
export const visibleWhere = (caller: Caller, maySeeDrafts: boolean) => ({
  municipality: caller.municipality.id,
  ...(maySeeDrafts ? {} : { status: { $ne: 'DRAFT' } }),
});
