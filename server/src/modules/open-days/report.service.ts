import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { toCsv } from '../../core/csv.js';
import { TIME_ZONE, formatWarsaw } from '../../core/time.js';
import { activityToOrganize } from './activity.service.js';
import { Booking } from './booking.entity.js';
import { findEdition } from './edition.service.js';
import { BookingStatus } from './open-days.enums.js';
import { Slot } from './slot.entity.js';

export interface TotalsRow {
  key: string;
  label: string;
  slots: number;
  capacity: number;
  confirmedSeats: number;
  waitlistedSeats: number;
  attendedSeats: number;
  noShowSeats: number;
}

/**
 * Seats per slot first (so joins do not multiply rows), then summed per organisation or per day.
 * Attendance rate = attended / (attended + no-show) seats: only slots whose organiser checked people in count.
 */
const totalsSql = (groupKey: string, groupLabel: string) => `
  with per_slot as (
    select s.id, s.starts_at, s.capacity, s.seats_taken, a.organization_id,
      coalesce(sum(b.party_size) filter (where b.status = 'WAITLISTED'), 0) as waitlisted,
      coalesce(sum(b.party_size) filter (where b.status = 'CONFIRMED' and b.attendance = 'ATTENDED'), 0) as attended,
      coalesce(sum(b.party_size) filter (where b.status = 'CONFIRMED' and b.attendance = 'NO_SHOW'), 0) as no_show
    from slot s
    join activity a on a.id = s.activity_id
    left join booking b on b.slot_id = s.id
    where a.edition_id = ? and a.status = 'APPROVED'
    group by s.id, a.organization_id
  )
  select ${groupKey} as key, ${groupLabel} as label, count(*)::int as slots,
    coalesce(sum(per_slot.capacity), 0)::int as capacity, sum(seats_taken)::int as "confirmedSeats",
    sum(waitlisted)::int as "waitlistedSeats", sum(attended)::int as "attendedSeats", sum(no_show)::int as "noShowSeats"
  from per_slot join organization o on o.id = per_slot.organization_id
  group by 1, 2 order by 2`;

export async function openDaysTotals(em: EntityManager, caller: Caller, editionId: string) {
  authorize(caller.actor, 'openDays.viewReport');
  const edition = await findEdition(em, caller, editionId);
  const connection = em.getConnection();
  const day = `to_char(per_slot.starts_at at time zone '${TIME_ZONE}', 'YYYY-MM-DD')`;
  const [byOrganization, byDay] = await Promise.all([
    connection.execute<TotalsRow[]>(totalsSql('o.id::text', 'o.name'), [edition.id]),
    connection.execute<TotalsRow[]>(totalsSql(day, day), [edition.id]),
  ]);
  return { byOrganization, byDay };
}

/** Everyone booked on a slot, confirmed first, then the waiting list in order. */
export async function slotAttendees(em: EntityManager, caller: Caller, slotId: string): Promise<Booking[]> {
  const slot = await em.findOne(Slot, { id: slotId, activity: { edition: { municipality: caller.municipality.id } } });
  if (!slot) throw notFound('Slot');
  await activityToOrganize(em, caller, slot.activity.id);
  return em.find(
    Booking,
    { slot, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED] } },
    { orderBy: { status: 'asc', queueNumber: 'asc', createdAt: 'asc' }, populate: ['user'] },
  );
}

/** Organiser's export of an activity's attendee lists. */
export async function activityAttendeesCsv(em: EntityManager, caller: Caller, activityId: string): Promise<string> {
  const activity = await activityToOrganize(em, caller, activityId);
  const bookings = await em.find(
    Booking,
    { slot: { activity }, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED] } },
    { orderBy: { startsAt: 'asc', status: 'asc', queueNumber: 'asc', createdAt: 'asc' }, populate: ['user'] },
  );
  return toCsv(
    ['slot_start', 'name', 'party_size', 'status', 'waiting_list_number', 'code', 'attendance'],
    bookings.map((b) => [formatWarsaw(b.startsAt), b.user?.displayName ?? '', b.partySize, b.status, b.queueNumber, b.code, b.attendance]),
  );
}
