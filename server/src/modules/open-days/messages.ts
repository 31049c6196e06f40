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

export function bookingMessage(
  event: BookingEvent, booking: Pick<Booking, 'partySize' | 'code'>, slot: Pick<Slot, 'startsAt'>,
  activity: Pick<Activity, 'title' | 'placeNotes'> & { place: Pick<Activity['place'], 'street' | 'postalCode' | 'city'> },
) {
  const place = `${activity.place.street}, ${activity.place.postalCode} ${activity.place.city}${activity.placeNotes ? ` (${activity.placeNotes})` : ''}`;
  const body = [
    lead[event],
    '',
    `Wydarzenie: ${activity.title}`,
    `Termin: ${formatWarsaw(slot.startsAt)}`,
    `Miejsce: ${place}`,
    `Liczba osób: ${booking.partySize}`,
    `Kod rezerwacji: ${booking.code}`,
    '',
    'Drzwi Otwarte – Razem',
  ].join('\n');
  return { kind: `booking.${event}`, subject: headline[event](activity.title), body };
}
