import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../core/context.js';
import type { LiveEvent } from '../../core/live.js';
import { OutboxMessage } from '../../core/outbox/index.js';
import { eraseAccountRecord, User } from '../accounts/index.js';
import { cancelActiveSignupsOf, Greeting, stockEvent } from '../baubles/index.js';
import { FairApplication } from '../fair/index.js';
import { CalendarFeed, cancelFutureBookingsOf, seatsEvent } from '../open-days/index.js';
import { Membership } from '../organizations/index.js';
import { clockEvent, SpeedDatingParticipant, withdrawFromSpeedDating } from '../speed-dating/index.js';

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
  await em.nativeDelete(CalendarFeed, { user: userId });
  await em.nativeDelete(Membership, { user: userId });
  await em.nativeDelete(Greeting, { user: userId });
  if (user.email) await em.nativeDelete(OutboxMessage, { municipalityId: caller.municipality.id, recipient: user.email });
  await em.nativeUpdate(SpeedDatingParticipant, { user: userId }, { user: null, name: '', department: null, shareContacts: false });
  await em.nativeUpdate(FairApplication, { submittedBy: userId }, { submittedBy: null, contactName: '', contactPhone: '' });
  await eraseAccountRecord(em, userId, now);
  return [...seats.map(seatsEvent), ...stock.map(stockEvent), ...sessions.map(clockEvent)];
}
