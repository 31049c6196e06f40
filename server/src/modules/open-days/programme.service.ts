import type { EntityManager } from '@mikro-orm/postgresql';
import { can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { type Connection, checkPageSize, decodeCursor, toConnection } from '../../core/pagination.js';
import { nextDate, warsawTimeToInstant } from '../../core/time.js';
import { findEdition } from './edition.service.js';
import { ActivityStatus, EditionStatus } from './open-days.enums.js';
import type { ProgrammeFilter } from './open-days.inputs.js';
import { Slot } from './slot.entity.js';

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The public programme: slots of approved activities in time order, filtered, with keyset
 * pagination over (starts_at, id). Residents see it once the edition is published.
 */
export async function programmeSlots(
  em: EntityManager, caller: Caller, editionId: string, filter: ProgrammeFilter, first: number, after?: string | null,
): Promise<Connection<Slot>> {
  checkPageSize(first);
  const edition = await findEdition(em, caller, editionId);
  const published = edition.status === EditionStatus.PUBLISHED || edition.status === EditionStatus.CLOSED;
  if (!published && !can(caller.actor, 'openDays.reviewActivities')) return toConnection([], first, 0, () => []);

  const qb = em.createQueryBuilder(Slot, 's').join('s.activity', 'a').join('a.organization', 'o')
    .where({ 'a.edition': edition.id, 'a.status': ActivityStatus.APPROVED });
  if (filter.day) {
    qb.andWhere({ startsAt: { $gte: warsawTimeToInstant(filter.day), $lt: warsawTimeToInstant(nextDate(filter.day)) } });
  }
  if (filter.types?.length) qb.andWhere({ 'a.type': { $in: filter.types } });
  if (filter.audiences?.length) qb.andWhere({ 'a.audience': { $in: filter.audiences } });
  if (filter.district) qb.andWhere('razem_fold(a.place_district) = razem_fold(?)', [filter.district]);
  if (filter.withSeatsLeft) qb.andWhere('s.capacity is not null and s.seats_taken < s.capacity and s.starts_at > now()');
  for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean)) {
    qb.andWhere(`razem_fold(a.title || ' ' || a.description || ' ' || o.name) like '%' || razem_fold(?) || '%'`, [likeEscape(word)]);
  }
  const totalCount = await qb.clone().getCount();
  if (after) {
    const [startsAt, id] = decodeCursor(after, ['instant', 'uuid']);
    qb.andWhere('(s.starts_at, s.id) > (?, ?)', [new Date(String(startsAt)), id]);
  }
  const rows = await qb.orderBy({ startsAt: 'asc', id: 'asc' }).limit(first + 1).getResultList();
  return toConnection(rows, first, totalCount, (s) => [s.startsAt.toISOString(), s.id]);
}
