import { Migration } from '@mikro-orm/migrations';

/**
 * Booking a seat in one round trip: the slot's row lock is held for this function and the commit,
 * not for a conversation of a dozen statements, so a rush of a thousand people on one slot queues
 * on microseconds. The rules it applies under the lock are the ones booking.service.ts states:
 * seats while they last, otherwise the next waiting-list number (if asked), and a confirmed seat
 * only without a clashing confirmed booking of the same person (their bookings are serialised by
 * the same advisory lock the cancellation's promotions take, slot first, then person).
 */
export class Migration20261123130000_book_slot_function extends Migration {

  override name = 'Migration20261123130000_book_slot_function';

  override up(): void | Promise<void> {
    this.addSql(`
create or replace function razem_book_slot(
  p_booking uuid, p_municipality uuid, p_slot uuid, p_user uuid, p_party int, p_waitlist boolean, p_code text, p_person_lock text
) returns table (outcome text, queue_number int, seats_left int, waitlisted int, clash uuid)
language plpgsql as $fn$
#variable_conflict use_column
declare
  s slot%rowtype;
  fits boolean;
  queued int;
  clashing uuid;
begin
  select * into s from slot where id = p_slot for update;
  if s.capacity is null then
    return query select 'DROP_IN'::text, null::int, null::int, null::int, null::uuid;
    return;
  end if;
  fits := p_party <= s.capacity - s.seats_taken;
  if fits then
    perform pg_advisory_xact_lock(hashtextextended(p_person_lock, 0));
    select b.id into clashing from booking b
     where b.user_id = p_user and b.status = 'CONFIRMED' and b.slot_id <> s.id
       and b.starts_at < s.ends_at and b.ends_at > s.starts_at
     limit 1;
    if clashing is not null then
      return query select 'CLASH'::text, null::int, null::int, null::int, clashing;
      return;
    end if;
    update slot set seats_taken = seats_taken + p_party where id = p_slot;
  elsif not p_waitlist then
    return query select 'FULL'::text, null::int, s.capacity - s.seats_taken, null::int, null::uuid;
    return;
  else
    queued := s.next_queue_number;
    update slot set next_queue_number = next_queue_number + 1 where id = p_slot;
  end if;
  insert into booking (id, municipality_id, slot_id, user_id, party_size, status, code, queue_number, starts_at, ends_at, created_at)
  values (p_booking, p_municipality, p_slot, p_user, p_party, case when fits then 'CONFIRMED' else 'WAITLISTED' end, p_code, queued, s.starts_at, s.ends_at, clock_timestamp());
  return query select
    case when fits then 'CONFIRMED' else 'WAITLISTED' end,
    queued,
    s.capacity - s.seats_taken - case when fits then p_party else 0 end,
    (select count(*)::int from booking w where w.slot_id = p_slot and w.status = 'WAITLISTED'),
    null::uuid;
end
$fn$;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop function if exists razem_book_slot(uuid, uuid, uuid, uuid, int, boolean, text, text);');
  }

}
