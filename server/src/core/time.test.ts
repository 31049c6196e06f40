import fc from 'fast-check';
import { expect, test } from 'vitest';
import { nextDate, warsawDate, warsawParts, warsawTimeToInstant } from './time.js';

test('Warsaw wall-clock times map to the right instants on both sides of the October change', () => {
  expect(warsawTimeToInstant('2026-10-24', '10:00').toISOString()).toBe('2026-10-24T08:00:00.000Z');
  expect(warsawTimeToInstant('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
  expect(warsawTimeToInstant('2026-10-25', '00:00').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  // 02:30 happens twice on 25 October 2026; we take the first (summer time).
  expect(warsawTimeToInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
});

test('the skipped hour in March moves forward', () => {
  expect(warsawTimeToInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
  expect(warsawTimeToInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  expect(warsawTimeToInstant('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
});

test('round trip: any instant reads back as the same Warsaw wall-clock time', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (date) => {
      const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
      const p = warsawParts(instant);
      const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
      const back = warsawTimeToInstant(warsawDate(instant), time);
      // Only the repeated October hour may resolve to the other (earlier) instant.
      expect([0, 3_600_000]).toContain(instant.getTime() - back.getTime());
      expect(warsawParts(back)).toMatchObject({ hour: p.hour, minute: p.minute });
    }),
  );
});

test('nextDate crosses months and years', () => {
  expect(nextDate('2026-10-31')).toBe('2026-11-01');
  expect(nextDate('2026-12-31')).toBe('2027-01-01');
});

// An independent reading of Warsaw wall-clock time, straight from Intl (not from the code under test).
const oracle = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});
const wallClockOf = (ms: number) => {
  const p = Object.fromEntries(oracle.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};
const HOUR = 3_600_000;
/** The last Sunday of a month: the EU rule for clock changes (since 1996). */
const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay())).toISOString().slice(0, 10);
};

test('every clock change from 1996 to 2100, every quarter hour of the day: the stated rule holds', () => {
  for (let year = 1996; year <= 2100; year++) {
    for (const [date, kind] of [[lastSunday(year, 3), 'spring'], [lastSunday(year, 10), 'autumn']] as const) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const instant = warsawTimeToInstant(date, time).getTime();
        const asked = `${date} ${time}`;
        if (kind === 'spring' && time.startsWith('02:')) {
          // The skipped hour does not exist: it moves forward by the gap.
          expect(wallClockOf(instant)).toBe(`${date} 03:${time.slice(3)}`);
          expect(wallClockOf(instant - HOUR)).toBe(`${date} 01:${time.slice(3)}`);
        } else {
          expect(wallClockOf(instant), `${asked} (${kind})`).toBe(asked);
        }
        if (kind === 'autumn' && time.startsWith('02:')) {
          // The repeated hour: this is the first of its two instants.
          expect(wallClockOf(instant + HOUR)).toBe(asked);
          expect(wallClockOf(instant - HOUR)).not.toBe(asked);
        }
      }
    }
  }
});

test('clock changes happen exactly on those two Sundays: no other day of a year has a skipped or repeated hour', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1996, max: 2100 }), fc.integer({ min: 0, max: 364 }), (year, dayOfYear) => {
      const date = new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
      fc.pre(date.startsWith(String(year)) && date !== lastSunday(year, 3) && date !== lastSunday(year, 10));
      for (let hour = 0; hour < 24; hour++) {
        const time = `${String(hour).padStart(2, '0')}:30`;
        const instant = warsawTimeToInstant(date, time).getTime();
        expect(wallClockOf(instant)).toBe(`${date} ${time}`);
        expect(wallClockOf(instant + HOUR)).not.toBe(`${date} ${time}`);
      }
    }),
    { seed: 2026, numRuns: 300 },
  );
});
