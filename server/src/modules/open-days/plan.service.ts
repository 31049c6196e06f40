import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { buildCalendar } from './calendar.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { BookingStatus } from './open-days.enums.js';
import { Slot } from './slot.entity.js';

/** The private token of the caller's calendar feed, created on first request. */
export async function enableCalendarFeed(em: EntityManager, caller: Caller): Promise<string> {
  const actor = authorize(caller.actor, 'openDays.book');
  const existing = await em.findOne(CalendarFeed, { user: actor.userId });
  if (existing) return existing.token;
  const feed = em.create(CalendarFeed, { token: randomBytes(24).toString('base64url'), user: actor.userId });
  await em.flush();
  return feed.token;
}

export async function calendarFeedToken(em: EntityManager, caller: Caller): Promise<string | null> {
  if (!caller.actor) return null;
  return (await em.findOne(CalendarFeed, { user: caller.actor.userId }))?.token ?? null;
}

/** The iCalendar text for a feed token, or null for an unknown token. */
/** The municipality a calendar feed's token belongs to (the URL names none), or null for an unknown token. */
export async function municipalityOfCalendarFeed(em: EntityManager, token: string): Promise<string | null> {
  const [row] = await em.getConnection().execute<{ id: string | null }[]>('select razem_calendar_feed_municipality(?) as id', [token]);
  return row?.id ?? null;
}

export async function calendarForToken(em: EntityManager, token: string): Promise<string | null> {
  const feed = await em.findOne(CalendarFeed, { token });
  if (!feed) return null;
  const bookings = await em.find(
    Booking,
    { user: feed.user, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED] } },
    { orderBy: { startsAt: 'asc' } },
  );
  const slots = new Map((await em.find(Slot, { id: { $in: bookings.map((b) => b.slot.id) } })).map((s) => [s.id, s]));
  const activities = new Map((await em.find(Activity, { id: { $in: [...slots.values()].map((s) => s.activity.id) } })).map((a) => [a.id, a]));
  return buildCalendar(
    'Drzwi Otwarte – mój plan',
    bookings.map((b) => {
      const activity = activities.get(slots.get(b.slot.id)!.activity.id)!;
      const waiting = b.status === BookingStatus.WAITLISTED;
      return {
        uid: `${b.id}@razem`,
        start: b.startsAt,
        end: b.endsAt,
        summary: waiting ? `(lista rezerwowa) ${activity.title}` : activity.title,
        location: `${activity.place.street}, ${activity.place.postalCode} ${activity.place.city}`,
        description: `Kod rezerwacji: ${b.code}. Osób: ${b.partySize}.`,
        tentative: waiting,
      };
    }),
  );
}
