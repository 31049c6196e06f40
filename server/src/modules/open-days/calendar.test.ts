import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { warsawTimeToInstant } from '../../core/time.js';
import { buildCalendar } from './calendar.js';

describe('iCalendar feed', () => {
  const events = [
    { uid: 'a@razem', start: warsawTimeToInstant('2026-10-24', '10:00'), end: warsawTimeToInstant('2026-10-24', '11:30'), summary: 'Warsztaty; ceramika, dla dzieci', location: 'ul. Lipowa 1, 64-100 Leszno' },
    { uid: 'b@razem', start: warsawTimeToInstant('2026-10-25', '10:00'), end: warsawTimeToInstant('2026-10-25', '11:00'), summary: 'Pokaz karate — Zażółć gęślą jaźń '.repeat(4), tentative: true },
  ];

  test('parses with a real iCalendar parser and keeps Warsaw times right across the October change', () => {
    const text = buildCalendar('Mój plan', events);
    const calendar = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const parsed = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(parsed.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z']);
    expect(parsed.map((e) => e.endDate.toJSDate().toISOString())).toEqual(['2026-10-24T09:30:00.000Z', '2026-10-25T10:00:00.000Z']);
    expect(parsed.map((e) => e.startDate.hour)).toEqual([10, 10]);
    expect(parsed[0]!.summary).toBe('Warsztaty; ceramika, dla dzieci');
    expect(parsed[1]!.summary).toBe(events[1]!.summary);
    expect(parsed[0]!.location).toBe('ul. Lipowa 1, 64-100 Leszno');
  });

  test('folds long lines at 75 octets with CRLF', () => {
    const text = buildCalendar('Mój plan', events);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
