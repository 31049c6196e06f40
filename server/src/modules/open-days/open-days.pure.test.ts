import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { warsawTimeToInstant } from '../../core/time.js';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, generateBookingCode, normaliseBookingCode } from './booking-code.js';
import { buildCalendar } from './calendar.js';
import { entriesToPromote, type WaitingEntry } from './waitlist.js';

describe('booking codes', () => {
  test('use only unambiguous characters', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateBookingCode();
      expect(code).toHaveLength(BOOKING_CODE_LENGTH);
      expect([...code].every((c) => BOOKING_CODE_ALPHABET.includes(c))).toBe(true);
    }
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });

  test('what people type back normalises to the issued code', () => {
    expect(normaliseBookingCode(' ab3-k7z ')).toBe('AB3K7Z');
  });
});

describe('waiting-list promotion', () => {
  const entry = fc.record({ id: fc.uuid(), partySize: fc.integer({ min: 1, max: 8 }), clashes: fc.boolean() });

  test('never confirms more seats than are free, never a clashing entry, keeps arrival order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 20 }), (free, waiting) => {
        const promoted = entriesToPromote(free, waiting);
        const byId = new Map(waiting.map((w) => [w.id, w]));
        const seats = promoted.reduce((sum, id) => sum + byId.get(id)!.partySize, 0);
        expect(seats).toBeLessThanOrEqual(free);
        expect(promoted.every((id) => !byId.get(id)!.clashes)).toBe(true);
        const order = waiting.map((w) => w.id).filter((id) => promoted.includes(id));
        expect(promoted).toEqual(order);
        // Greedy: every skipped non-clashing entry was too big for the seats left when its turn came.
        let left = free;
        for (const w of waiting) {
          if (promoted.includes(w.id)) left -= w.partySize;
          else if (!w.clashes) expect(w.partySize).toBeGreaterThan(left);
        }
      }),
    );
  });

  test('a big party keeps its place while a smaller one behind it uses the seats', () => {
    const waiting: WaitingEntry[] = [
      { id: 'big', partySize: 4, clashes: false },
      { id: 'small', partySize: 2, clashes: false },
      { id: 'clash', partySize: 1, clashes: true },
    ];
    expect(entriesToPromote(3, waiting)).toEqual(['small']);
    expect(entriesToPromote(4, waiting)).toEqual(['big']);
  });
});

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
