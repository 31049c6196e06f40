import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../core/context.js';
import type { LiveEvent } from '../../core/live.js';
import { deleteMessagesTo } from '../../core/outbox/index.js';
import { eraseAccountRecord, User } from '../accounts/index.js';
import { cancelActiveSignupsOf, deleteGreetingsOf, stockEvent } from '../baubles/index.js';
import { anonymiseApplicationsSubmittedBy } from '../fair/index.js';
import { cancelFutureBookingsOf, deleteCalendarFeedOf, seatsEvent } from '../open-days/index.js';
import { removeMembershipsOf } from '../organizations/index.js';
import { anonymiseParticipationsOf, clockEvent, withdrawFromSpeedDating } from '../speed-dating/index.js';

/**
 * Erases a person's account, in the caller's transaction (all of it or, on any failure, nothing):
 *
 * 1. what they take part in is cancelled by each module's own cancellation: future Open Days bookings
 *    (seats freed, waiting lists promoted), reserved and waiting bauble sign-ups (stock returned,
 *    waiting lists served), speed-dating contact consent withdrawn and unfinished sessions left;
 * 2. what only concerns them is deleted: sessions, the calendar feed's secret, organisation
 *    memberships, greetings, and the copies of messages sent to their address;
 * 3. what staff count stays, without the person: past and cancelled bookings, sign-ups and their
 *    history point at the account's anonymous tombstone; speed-dating participations and fair
 *    applications they submitted lose their name, contacts and link;
 * 4. the account becomes the tombstone: no email, name, phone, department or password.
 *
 * Returns the live events (seats, stock, clocks) to publish once the transaction has committed.
 */
export async function eraseAccount(em: EntityManager, caller: Caller, userId: string, now = new Date()): Promise<LiveEvent[]> {
  const seats = await cancelFutureBookingsOf(em, caller, userId, now);
  const stock = await cancelActiveSignupsOf(em, caller, userId);
  const sessions = await withdrawFromSpeedDating(em, caller, userId);
  await em.flush();

  const user = await em.findOneOrFail(User, { id: userId, municipality: caller.municipality.id });
  // Each module forgets its part through its own service.
  await deleteCalendarFeedOf(em, userId);
  await removeMembershipsOf(em, userId);
  await deleteGreetingsOf(em, userId);
  if (user.email) await deleteMessagesTo(em, caller.municipality.id, user.email);
  await anonymiseParticipationsOf(em, userId);
  await anonymiseApplicationsSubmittedBy(em, userId);
  await eraseAccountRecord(em, userId, now);
  return [...seats.map(seatsEvent), ...stock.map(stockEvent), ...sessions.map(clockEvent)];
}
