import { Temporal } from 'temporal-polyfill';

/**
 * The product's one time zone: everything is stored as an instant (timestamptz) and shown in Warsaw
 * time. The web app imports this file too, so server and browser turn wall-clock times into instants
 * by the same rule.
 */
export const TIME_ZONE = 'Europe/Warsaw';

const zoned = (instant: Date) => Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(TIME_ZONE);

/** Warsaw wall-clock fields of an instant. */
export function warsawParts(instant: Date) {
  const { year, month, day, hour, minute, second } = zoned(instant);
  return { year, month, day, hour, minute, second };
}

/**
 * The instant of a Warsaw wall-clock time (`2026-10-25`, `02:30`). Twice a year a wall-clock hour is
 * not one instant; the rule (Temporal's "compatible", as calendar apps do):
 * - the skipped hour (last Sunday of March, 02:00–02:59 does not exist) moves forward by the gap:
 *   02:30 is 03:30 summer time;
 * - the repeated hour (last Sunday of October, 02:00–02:59 happens twice) is its first occurrence,
 *   still in summer time: 02:30 is 00:30 UTC, not 01:30 UTC.
 */
export function warsawTimeToInstant(date: string, time = '00:00'): Date {
  const wallClock = Temporal.PlainDateTime.from(`${date}T${time}`);
  return new Date(wallClock.toZonedDateTime(TIME_ZONE, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** The Warsaw calendar date (YYYY-MM-DD) an instant falls on. */
export function warsawDate(instant: Date): string {
  return zoned(instant).toPlainDate().toString();
}

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

// Building a formatter loads locale data (about a millisecond); every booking message uses one.
const messageFormats = {
  pl: new Intl.DateTimeFormat('pl-PL', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }),
};

/** "sobota, 24 października 2026, 10:00" style text for messages, in Warsaw time. */
export function formatWarsaw(instant: Date, lang: 'pl' | 'en' = 'pl'): string {
  return messageFormats[lang].format(instant);
}

/** A real calendar date written YYYY-MM-DD, in the years the product handles (as the API's date range). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    const date = Temporal.PlainDate.from(value, { overflow: 'reject' });
    return date.year >= 1900 && date.year < 2200;
  } catch {
    return false;
  }
}
