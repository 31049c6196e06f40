import type { EntityManager } from '@mikro-orm/postgresql';
import { can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { entityShape, jsonObject, type JsonShape } from '../../core/db/json-read.js';
import { publicReads } from '../../core/db/replicas.js';
import type { Selection } from '../../core/graphql/selection.js';
import { type Connection, checkPageSize } from '../../core/pagination.js';
import { condition, type Keyset, keysetPage } from '../../core/db/keyset.js';
import { escapeLike } from '../../core/db/like.js';
import { nextDate, warsawTimeToInstant } from '../../core/time.js';
import { findEdition } from './edition.service.js';
import { organizationReadShape } from '../organizations/index.js';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { ActivityStatus, BookingStatus, EditionStatus } from './open-days.enums.js';
import type { ProgrammeFilter } from './open-days.inputs.js';
import { Slot } from './slot.entity.js';

/**
 * How the programme reads a slot: its columns and the figures its field resolvers would compute
 * (seats left, waiting list, bookable, the viewer's booking), with its activity and organisation,
 * all in the page's one statement.
 */
function slotShape(em: EntityManager, caller: Caller): JsonShape {
  const viewer = caller.actor?.userId;
  return {
    ...entityShape(em.getMetadata(Slot), 's'),
    seatsLeft: 'case when s.capacity is null then null else s.capacity - s.seats_taken end',
    confirmedSeats: 's.seats_taken',
    waitlisted: `(select count(*)::int from booking w where w.slot_id = s.id and w.status = '${BookingStatus.WAITLISTED}')`,
    bookable: '(s.capacity is not null and s.starts_at > now())',
    viewerBooking: viewer
      ? {
        one: {
          from: 'booking b',
          where: { text: `b.slot_id = s.id and b.user_id = ? and b.status in ('${BookingStatus.CONFIRMED}', '${BookingStatus.WAITLISTED}')`, params: [viewer] },
          orderBy: 'b.created_at',
          shape: { ...entityShape(em.getMetadata(Booking), 'b'), holderName: { needs: ['user'] } },
        },
      }
      : 'null',
    activity: {
      object: { ...entityShape(em.getMetadata(Activity), 'a'), slots: { needs: ['id'] }, organization: { object: organizationReadShape(em, 'o') } },
    },
  };
}

/** A programme row as PostgreSQL built it (see slotShape). */
const PROGRAMME_ORDER: Keyset = { columns: ['s.starts_at', 's.id'], parts: ['instant', 'uuid'] };

export type SlotRow = Partial<Slot> & { id: string; seatsLeft?: number | null; confirmedSeats?: number; waitlisted?: number; bookable?: boolean; viewerBooking?: unknown };
export type ActivityRow = Partial<Omit<Activity, 'organization'>> & { id: string; organization: unknown };

/**
 * The public programme: slots of approved activities in time order, filtered, with keyset
 * pagination over (starts_at, id). Residents see it once the edition is published. One statement
 * for the page (the edition's status, activities and organisations included, and `totalCount` when
 * asked); only an empty page looks the edition up, to tell an unknown one (NOT_FOUND) from no slots.
 */
export async function programmeSlots(
  em: EntityManager, caller: Caller, editionId: string, filter: ProgrammeFilter, first: number, after: string | null | undefined, selection: Selection,
): Promise<Connection<SlotRow>> {
  checkPageSize(first);
  // Reviewers see the slots of editions before publication; everyone else of published ones only.
  const editionStatuses = can(caller.actor, 'openDays.reviewActivities')
    ? Object.values(EditionStatus).filter((status) => status !== EditionStatus.DRAFT || can(caller.actor, 'openDays.seeDraftEditions'))
    : [EditionStatus.PUBLISHED, EditionStatus.CLOSED];

  // The count joins organisations only when a search looks at their names: it runs on every page
  // view over the whole edition, and that join was most of its time.
  const searchWords = (filter.search ?? '').split(/\s+/).filter(Boolean);
  const where = [
    condition('a.edition_id = ?', editionId), condition('a.status = ?', ActivityStatus.APPROVED),
    // Not correlated with the row: PostgreSQL checks it once per statement, not once per slot counted.
    condition('exists (select from open_days_edition e where e.id = ? and e.status in (?))', editionId, editionStatuses),
    // Redundant with the edition, but it lets the planner walk this municipality's slots in time
    // order (slot_municipality_id_starts_at_id_index) rather than every municipality's (bench:growth).
    condition('s.municipality_id = ?', caller.municipality.id),
  ];
  if (filter.day) {
    where.push(condition('s.starts_at >= ? and s.starts_at < ?', warsawTimeToInstant(filter.day), warsawTimeToInstant(nextDate(filter.day))));
  }
  if (filter.types?.length) where.push(condition('a.type in (?)', filter.types));
  if (filter.audiences?.length) where.push(condition('a.audience in (?)', filter.audiences));
  if (filter.district) where.push(condition('razem_fold(a.place_district) = razem_fold(?)', filter.district));
  if (filter.withSeatsLeft) where.push(condition('s.capacity is not null and s.seats_taken < s.capacity and s.starts_at > now()'));
  for (const word of searchWords) {
    where.push(condition(`razem_fold(a.title || ' ' || a.description || ' ' || o.name) like '%' || razem_fold(?) || '%'`, escapeLike(word)));
  }
  const slots = 'slot s join activity a on a.id = s.activity_id';
  const matches = { from: `${slots} join organization o on o.id = a.organization_id`, where };
  const page = await keysetPage<SlotRow>(em, publicReads(em, caller), {
    keyset: PROGRAMME_ORDER, first, after, node: jsonObject(slotShape(em, caller), selection.at('edges', 'node')),
    matches, counted: !selection.has('totalCount') ? null : searchWords.length ? matches : { from: slots, where },
  });
  if (!page.edges.length) await findEdition(em, caller, editionId);
  return page;
}
