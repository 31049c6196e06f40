/** The product's one time zone: everything is stored as an instant (timestamptz) and shown in Warsaw time. */
export const TIME_ZONE = 'Europe/Warsaw';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Warsaw wall-clock fields of an instant. */
export function warsawParts(instant: Date) {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
  };
}

/** Milliseconds Warsaw is ahead of UTC at an instant (3 600 000 in winter, 7 200 000 in summer). */
function offsetAt(instant: Date): number {
  const p = warsawParts(instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a Warsaw wall-clock time. Times that do not exist (the skipped hour in March)
 * move forward by the gap; ambiguous ones (the repeated hour in October) take the first.
 */
export function warsawTimeToInstant(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The offset is one of the two in force half a day before or after; keep those that read back right.
  const offsetBefore = offsetAt(new Date(asUtc - 12 * 3_600_000));
  const offsetAfter = offsetAt(new Date(asUtc + 12 * 3_600_000));
  const matches = [asUtc - offsetBefore, asUtc - offsetAfter].filter((t) => {
    const p = warsawParts(new Date(t));
    return p.day === d && p.hour === hh && p.minute === mm;
  });
  return new Date(matches.length ? Math.min(...matches) : asUtc - offsetBefore);
}

/** The Warsaw calendar date (YYYY-MM-DD) an instant falls on. */
export function warsawDate(instant: Date): string {
  const p = warsawParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** "sobota, 24 października 2026, 10:00" style text for messages, in Warsaw time. */
export function formatWarsaw(instant: Date, lang: 'pl' | 'en' = 'pl'): string {
  return new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }).format(instant);
}
