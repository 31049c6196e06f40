import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { countChanged } from '../../core/db/changed.js';
import { describeConstraints } from '../../core/db/constraints.js';
import { lockKeys } from '../../core/db/locks.js';
import { queryPrepared } from '../../core/db/prepared.js';
import { AppError, conflict, fieldError, notFound, unauthenticated } from '../../core/errors.js';
import { enqueueFactsSql, enqueueMessage } from '../../core/outbox/index.js';
import { formatWarsaw } from '../../core/time.js';
import { User } from '../accounts/index.js';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { generateShortCode, normaliseShortCode } from '../../core/short-code.js';
import { activityToOrganize } from './activity.service.js';
import { bookingFacts, bookingMessageKind, type BookingEvent } from './messages.js';
import { ActivityStatus, Attendance, BookingStatus, EditionStatus } from './open-days.enums.js';
import type { BookSlotInput } from './open-days.inputs.js';
import { Slot } from './slot.entity.js';
import { type LockedStock, serveWaitingList } from '../../core/waitlist.js';
import type { LiveEvent } from '../../core/live.js';
import { SLOT_SEATS_TOPIC } from './open-days.types.js';

/** What changed for a slot, for the live seats-left subscription (published after commit). */
export interface SeatsChange {
  editionId: string;
  slotId: string;
  seatsLeft: number | null;
  waitlisted: number;
}

/** The live event for a slot's new seat count (publish after the commit). */
export const seatsEvent = (seats: SeatsChange): LiveEvent => ({ topic: SLOT_SEATS_TOPIC, id: seats.editionId, payload: seats });

/**
 * What the API answers about a booking: the entity, or the row a booking statement wrote, given as
 * is (registering it as an entity cost a tenth of a booking's CPU, and nothing changes it after).
 */
export type BookingRecord = Omit<Booking, 'slot' | 'user'> & { slot: Pick<Slot, 'id'>; user: Pick<User, 'id'> | null };

export interface BookingOutcome {
  booking: BookingRecord;
  seats: SeatsChange;
}

const ACTIVE = [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED];
/** Advisory-lock namespace: one person's confirmed bookings (they may not overlap in time). */
const PERSON_BOOKINGS = 'open-days-person';


/** A bookable slot's seats as a locked stock (call with the slot locked). */
const seatsOf = (slot: Slot): LockedStock => ({
  get available() {
    return (slot.capacity ?? 0) - slot.seatsTaken;
  },
  take: (quantity) => {
    slot.seatsTaken += quantity;
  },
  nextQueueNumber: () => slot.nextQueueNumber++,
});

/** Locks the slot row for the rest of the transaction: all seat arithmetic happens under this lock. */
async function lockSlot(em: EntityManager, caller: Caller, slotId: string): Promise<{ slot: Slot; activity: Activity }> {
  const slot = await em.findOne(Slot, { id: slotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const activity = slot && (await em.findOne(Activity, { id: slot.activity.id, edition: { municipality: caller.municipality.id } }, { populate: ['edition'] }));
  if (!slot || !activity) throw notFound('Slot');
  return { slot, activity };
}

async function seatsChange(em: EntityManager, slot: Slot, activity: Activity): Promise<SeatsChange> {
  const waitlisted = await em.count(Booking, { slot, status: BookingStatus.WAITLISTED });
  return { editionId: activity.edition.id, slotId: slot.id, seatsLeft: slot.capacity === null ? null : slot.capacity - slot.seatsTaken, waitlisted };
}


function tell(em: EntityManager, event: BookingEvent, booking: Booking, slot: Slot, activity: Activity, recipient: string | null) {
  // An erased account has no address: nobody to tell.
  if (!recipient) return;
  enqueueMessage(em, { municipalityId: booking.municipalityId, recipient, kind: bookingMessageKind(event), facts: bookingFacts(booking, slot, activity) });
}

function clashError(clash: Booking | null) {
  if (!clash) return conflict('CLASH', 'You already have a confirmed booking at that time.');
  const title = clash.slot.activity.title;
  return conflict('CLASH', `You already have a confirmed booking at that time: “${title}”, ${formatWarsaw(clash.startsAt)} (code ${clash.code}).`, {
    clashingBooking: { id: clash.id, code: clash.code, activityTitle: title, startsAt: clash.startsAt.toISOString() },
  });
}

// A race lost to the same person's other request, caught by the database itself.
describeConstraints({
  booking_one_active_per_slot: { reason: 'ALREADY_BOOKED', message: 'You already have a booking for this slot.' },
  booking_no_overlapping_confirmed: { reason: 'CLASH', message: 'You already have a confirmed booking at that time.' },
});

/**
 * A booking in one statement. `target` reads what is checked before the lock (the slot is open, the
 * party fits, the person has no booking here, the drawn code is free); only when all of that holds
 * does `decision` call razem_book_slot, which takes the slot's row lock, decides and writes (see its
 * migration); `message` queues the facts of the confirmation or waiting-list message for the
 * outcome. The answer is the target joined with the decision (none when a check failed, and the
 * caller tells which). The active statuses are written into the text, not passed as values, so that
 * a generic plan can prove the partial index of active bookings applies: with values it scanned
 * every booking of the city.
 */
const BOOK_SLOT = `with target as (
    select s.id as slot_id, a.status = ? and e.status = ? as bookable, s.capacity, s.max_party_size, s.starts_at, s.ends_at, e.id as edition_id,
           a.title, a.place_street, a.place_postal_code, a.place_city, a.place_notes,
           (select u.email from "user" u where u.id = ?) as email,
           exists (select from booking b where b.slot_id = s.id and b.user_id = ? and b.status in (${ACTIVE.map((status) => `'${status}'`).join(', ')})) as already_booked,
           exists (select from booking b where b.municipality_id = e.municipality_id and b.code = ?) as code_taken
      from slot s join activity a on a.id = s.activity_id join open_days_edition e on e.id = a.edition_id
     where s.id = ? and e.municipality_id = ?
  ), decision as (
    select d.* from target t cross join lateral razem_book_slot(?, ?, t.slot_id, ?, ?, ?, ?, ?) d
     where t.bookable and t.capacity is not null and t.starts_at > ? and t.max_party_size >= ? and not t.already_booked and not t.code_taken
  ), ${enqueueFactsSql('message', `select ?::uuid, t.email, case d.outcome when 'CONFIRMED' then ? else ? end,
           jsonb_build_object('title', t.title, 'startsAt', t.starts_at, 'street', t.place_street, 'postalCode', t.place_postal_code,
                              'city', t.place_city, 'placeNotes', t.place_notes, 'partySize', ?::int, 'code', ?::text)
      from decision d, target t
     where d.outcome in ('CONFIRMED', 'WAITLISTED') and t.email is not null`)}
  select t.bookable, t.capacity, t.max_party_size, t.starts_at, t.ends_at, t.edition_id, t.already_booked, t.code_taken,
         d.outcome, d.queue_number, d.seats_left, d.waitlisted, d.clash
    from target t left join decision d on true`;

/** The booking statement's answer: the slot as checked, and what razem_book_slot decided under its lock (null when a check failed). */
interface BookingAnswer {
  bookable: boolean;
  capacity: number | null;
  max_party_size: number;
  /** Raw SQL answers timestamps as text. */
  starts_at: string;
  ends_at: string;
  edition_id: string;
  already_booked: boolean;
  code_taken: boolean;
  outcome: 'CONFIRMED' | 'WAITLISTED' | 'FULL' | 'CLASH' | 'DROP_IN' | null;
  queue_number: number | null;
  seats_left: number | null;
  waitlisted: number | null;
  clash: string | null;
}

/**
 * Books a slot: CONFIRMED while seats remain, otherwise a place on the waiting list in arrival
 * order. One statement (BOOK_SLOT) and no entity. It commits on its own (call it outside a
 * transaction), so the slot's lock is held for microseconds inside PostgreSQL, never across a round
 * trip: a rush on one slot does not queue behind the API's event loop.
 */
export async function bookSlot(em: EntityManager, caller: Caller, input: BookSlotInput): Promise<BookingOutcome> {
  const actor = authorize(caller.actor, 'openDays.book');
  const municipalityId = caller.municipality.id;
  const id = randomUUID();
  const now = new Date();
  const attempt = async (code: string) => (await queryPrepared<BookingAnswer>(em, BOOK_SLOT, [
    ActivityStatus.APPROVED, EditionStatus.PUBLISHED, actor.userId, actor.userId, code, input.slotId, municipalityId,
    id, municipalityId, actor.userId, input.partySize, input.waitlistIfFull, code, `${PERSON_BOOKINGS}:${actor.userId}`,
    now, input.partySize,
    municipalityId, bookingMessageKind('confirmed'), bookingMessageKind('waitlisted'), input.partySize, code,
  ]))[0];
  let code = generateShortCode();
  let answer = await attempt(code);
  // A drawn code already in use (rare: one in hundreds of millions per booking) is drawn again.
  while (answer?.code_taken && answer.outcome === null) answer = await attempt((code = generateShortCode()));

  if (!answer?.bookable) throw notFound('Slot');
  const [startsAt, endsAt] = [new Date(answer.starts_at), new Date(answer.ends_at)];
  if (answer.capacity === null) throw conflict('DROP_IN', 'This is a drop-in slot: just come, no booking needed.');
  if (now >= startsAt) throw conflict('CLOSED', 'Booking closed when the slot started.');
  if (input.partySize > answer.max_party_size) {
    throw fieldError('partySize', 'max', `One booking may be for at most ${answer.max_party_size} ${answer.max_party_size === 1 ? 'person' : 'people'} here.`);
  }
  if (answer.already_booked) throw conflict('ALREADY_BOOKED', 'You already have a booking for this slot.');
  switch (answer.outcome) {
    case 'DROP_IN': throw conflict('DROP_IN', 'This is a drop-in slot: just come, no booking needed.');
    case 'FULL': throw conflict('FULL', 'The slot is full. You can join the waiting list.', { seatsLeft: answer.seats_left });
    case 'CLASH': throw clashError(await em.findOne(Booking, { id: answer.clash! }, { populate: ['slot.activity'] }));
  }
  const booking: BookingRecord = {
    id, municipalityId, slot: { id: input.slotId }, user: { id: actor.userId }, partySize: input.partySize,
    status: answer.outcome === 'CONFIRMED' ? BookingStatus.CONFIRMED : BookingStatus.WAITLISTED, code, queueNumber: answer.queue_number,
    attendance: null, startsAt, endsAt, createdAt: new Date(), cancelledAt: null,
  };
  return { booking, seats: { editionId: answer.edition_id, slotId: input.slotId, seatsLeft: answer.seats_left, waitlisted: answer.waitlisted ?? 0 } };
}

/**
 * Confirms waiting entries that now fit, in arrival order, skipping people who meanwhile hold a
 * clashing confirmed booking. Call with the slot locked.
 */
async function promoteWaiting(em: EntityManager, slot: Slot, activity: Activity) {
  if (slot.capacity === null) return;
  // (A waiting entry whose person the retention job has erased, long after the slot, is nobody to promote.)
  const waiting = await em.find(Booking, { slot, status: BookingStatus.WAITLISTED, user: { $ne: null } }, { orderBy: { queueNumber: 'asc' }, populate: ['user'] });
  // Someone waiting here may be booking an overlapping slot right now: wait for that to commit, so
  // the clash check below sees it and skips them, and this cancellation never fails on their account.
  const holderOf = (w: Booking) => w.user!.id;
  await lockKeys(em, PERSON_BOOKINGS, waiting.map(holderOf));
  // One query for everyone waiting: who already holds a confirmed booking overlapping this slot.
  const busy = waiting.length
    ? await em.find(Booking, {
      user: { $in: waiting.map(holderOf) }, status: BookingStatus.CONFIRMED,
      startsAt: { $lt: slot.endsAt }, endsAt: { $gt: slot.startsAt }, slot: { $ne: slot.id },
    }, { fields: ['user'] })
    : [];
  const busyUsers = new Set(busy.map((b) => b.user!.id));
  const clashing = new Set(waiting.filter((w) => busyUsers.has(holderOf(w))).map((w) => w.id));
  for (const entry of serveWaitingList(seatsOf(slot), waiting, (w) => ({ id: w.id, partySize: w.partySize, clashes: clashing.has(w.id) }))) {
    entry.status = BookingStatus.CONFIRMED;
    tell(em, 'promoted', entry, slot, activity, entry.user!.email);
  }
}

async function cancel(
  em: EntityManager, caller: Caller, booking: Booking, status: BookingStatus.CANCELLED | BookingStatus.CANCELLED_BY_ORGANIZER, tellHolder = true,
) {
  const { slot, activity } = await lockSlot(em, caller, booking.slot.id);
  await em.refresh(booking);
  if (!ACTIVE.includes(booking.status)) throw conflict('NOT_ACTIVE', 'This booking is already cancelled.');
  const wasConfirmed = booking.status === BookingStatus.CONFIRMED;
  booking.status = status;
  booking.cancelledAt = new Date();
  if (wasConfirmed) {
    slot.seatsTaken -= booking.partySize;
    await promoteWaiting(em, slot, activity);
  }
  if (tellHolder && booking.user) {
    const user = await em.findOneOrFail(User, { id: booking.user.id });
    tell(em, status === BookingStatus.CANCELLED ? 'cancelled' : 'cancelledByOrganizer', booking, slot, activity, user.email);
  }
  await em.flush();
  return { booking, seats: await seatsChange(em, slot, activity) };
}

async function bookingInMunicipality(em: EntityManager, caller: Caller, id: string): Promise<Booking> {
  const booking = await em.findOne(Booking, { id, municipalityId: caller.municipality.id });
  if (!booking) throw notFound('Booking');
  return booking;
}

/** A resident cancels their own booking; freed seats go to the waiting list at once. */
export async function cancelBooking(em: EntityManager, caller: Caller, bookingId: string): Promise<BookingOutcome> {
  const booking = await bookingInMunicipality(em, caller, bookingId);
  authorize(caller.actor, 'openDays.manageOwnBooking', { bookingUserId: booking.user?.id ?? '' });
  return cancel(em, caller, booking, BookingStatus.CANCELLED);
}

/** The organiser (or staff) cancels someone's booking, e.g. when an activity cannot take place. */
export async function cancelBookingAsOrganizer(em: EntityManager, caller: Caller, bookingId: string): Promise<BookingOutcome> {
  const booking = await bookingInMunicipality(em, caller, bookingId);
  const slot = await em.findOneOrFail(Slot, { id: booking.slot.id });
  await activityToOrganize(em, caller, slot.activity.id);
  return cancel(em, caller, booking, BookingStatus.CANCELLED_BY_ORGANIZER);
}

/**
 * Account deletion: cancels every booking of this person for a slot that has not started yet, by the
 * same path as their own cancellation (seats freed, the waiting list promoted and told), each under its
 * slot's lock, in the caller's transaction. The person is not written to: their account is going.
 * Deciding that the bookings go is the caller's (personal data); no authorisation here.
 */
export async function cancelFutureBookingsOf(em: EntityManager, caller: Caller, userId: string, now = new Date()): Promise<SeatsChange[]> {
  const future = await em.find(
    Booking,
    { user: userId, municipalityId: caller.municipality.id, status: { $in: ACTIVE }, startsAt: { $gt: now } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  const changes: SeatsChange[] = [];
  for (const booking of future) changes.push((await cancel(em, caller, booking, BookingStatus.CANCELLED, false)).seats);
  return changes;
}

async function organizerBooking(em: EntityManager, caller: Caller, booking: Booking | null): Promise<Booking> {
  if (!booking) throw notFound('Booking');
  const slot = await em.findOneOrFail(Slot, { id: booking.slot.id });
  await activityToOrganize(em, caller, slot.activity.id);
  return booking;
}

export async function markAttendance(em: EntityManager, caller: Caller, bookingId: string, attendance: Attendance): Promise<Booking> {
  const booking = await organizerBooking(em, caller, await em.findOne(Booking, { id: bookingId, municipalityId: caller.municipality.id }));
  if (booking.status !== BookingStatus.CONFIRMED) throw conflict('NOT_CONFIRMED', 'Only confirmed bookings can be checked in.');
  booking.attendance = attendance;
  await em.flush();
  return booking;
}

/** Check-in at the door by the booking's short code. */
export async function checkInByCode(em: EntityManager, caller: Caller, code: string, slotId?: string | null): Promise<Booking> {
  if (!caller.actor) throw unauthenticated();
  const normalised = normaliseShortCode(code);
  // Another organisation's code answers exactly like a made-up one, so codes cannot be probed.
  const unknownCode = () => fieldError('code', 'unknownCode', `No booking with code ${normalised}${slotId ? ' for this slot' : ''}.`);
  const booking = await em.findOne(Booking, { code: normalised, municipalityId: caller.municipality.id, ...(slotId ? { slot: slotId } : {}) });
  if (!booking) throw unknownCode();
  try {
    await organizerBooking(em, caller, booking);
  } catch (error) {
    if (error instanceof AppError && error.extensions.code === 'FORBIDDEN') throw unknownCode();
    throw error;
  }
  if (booking.status !== BookingStatus.CONFIRMED) throw conflict('NOT_CONFIRMED', 'Only confirmed bookings can be checked in.');
  booking.attendance = Attendance.ATTENDED;
  await em.flush();
  return booking;
}

/** The signed-in person's active bookings, in time order: "My plan". */
export function myBookings(em: EntityManager, caller: Caller): Promise<Booking[]> {
  if (!caller.actor) return Promise.resolve([]);
  return em.find(
    Booking,
    { user: caller.actor.userId, municipalityId: caller.municipality.id, status: { $in: ACTIVE } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
}

/** Personal data: bookings of slots that ended before `cutoff` keep being counted, without their person. */
export function forgetBookingHoldersBefore(em: EntityManager, municipalityId: string, cutoff: Date): Promise<number> {
  return countChanged(em, 'update booking set user_id = null where municipality_id = ? and ends_at < ? and user_id is not null', [municipalityId, cutoff]);
}

/** Personal data: the person's calendar feed (its secret address) goes with their account. */
export async function deleteCalendarFeedOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeDelete(CalendarFeed, { user: userId });
}
