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
