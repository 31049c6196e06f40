import { registerMessageTemplate } from '../../core/outbox/index.js';
import { formatWarsaw } from '../../core/time.js';
import type { Activity } from './activity.entity.js';
import type { Booking } from './booking.entity.js';
import type { Slot } from './slot.entity.js';

/** The texts residents receive about their bookings (Polish: the interface's first language). */
export type BookingEvent = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'cancelledByOrganizer';

const headline: Record<BookingEvent, (title: string) => string> = {
  confirmed: (t) => `Potwierdzenie rezerwacji: ${t}`,
  waitlisted: (t) => `Lista rezerwowa: ${t}`,
  promoted: (t) => `Zwolniło się miejsce – masz rezerwację: ${t}`,
  cancelled: (t) => `Anulowano rezerwację: ${t}`,
  cancelledByOrganizer: (t) => `Organizator odwołał Twoją rezerwację: ${t}`,
};

const lead: Record<BookingEvent, string> = {
  confirmed: 'Twoje miejsce jest potwierdzone.',
  waitlisted: 'Wszystkie miejsca są zajęte, więc jesteś na liście rezerwowej. Napiszemy, gdy zwolni się miejsce.',
  promoted: 'Ktoś zrezygnował i Twoje zgłoszenie z listy rezerwowej zostało potwierdzone.',
  cancelled: 'Twoja rezerwacja została anulowana.',
  cancelledByOrganizer: 'Organizator musiał odwołać Twoją rezerwację. Przepraszamy.',
};

/**
 * What a booking message says, as stored with it: the activity and place as they were when it was
 * queued. A booking queues these in SQL (`BOOK_SLOT` in booking.service.ts builds the same keys).
 */
export interface BookingFacts {
  title: string;
  /** ISO 8601. */
  startsAt: string;
  street: string;
  postalCode: string;
  city: string;
  placeNotes: string | null;
  partySize: number;
  code: string;
}

export const bookingMessageKind = (event: BookingEvent) => `booking.${event}`;

export function bookingFacts(
  booking: Pick<Booking, 'partySize' | 'code'>, slot: Pick<Slot, 'startsAt'>,
  activity: Pick<Activity, 'title' | 'placeNotes'> & { place: Pick<Activity['place'], 'street' | 'postalCode' | 'city'> },
): BookingFacts {
  const { street, postalCode, city } = activity.place;
  return { title: activity.title, startsAt: slot.startsAt.toISOString(), street, postalCode, city, placeNotes: activity.placeNotes, partySize: booking.partySize, code: booking.code };
}

function renderBookingMessage(event: BookingEvent, facts: BookingFacts) {
  const place = `${facts.street}, ${facts.postalCode} ${facts.city}${facts.placeNotes ? ` (${facts.placeNotes})` : ''}`;
  const body = [
    lead[event],
    '',
    `Wydarzenie: ${facts.title}`,
    `Termin: ${formatWarsaw(new Date(facts.startsAt))}`,
    `Miejsce: ${place}`,
    `Liczba osób: ${facts.partySize}`,
    `Kod rezerwacji: ${facts.code}`,
    '',
    'Drzwi Otwarte – Razem',
  ].join('\n');
  return { subject: headline[event](facts.title), body };
}

for (const event of Object.keys(headline) as BookingEvent[]) {
  registerMessageTemplate<BookingFacts>(bookingMessageKind(event), (facts) => renderBookingMessage(event, facts));
}
