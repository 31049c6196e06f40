import fc from 'fast-check';
import { expect, test } from 'vitest';
import { slugify } from './slug.js';

test('folds Polish letters and punctuation into a URL slug', () => {
  expect(slugify('Związek Harcerski Drużyn Leśnych')).toBe('zwiazek-harcerski-druzyn-lesnych');
  expect(slugify('Towarzystwo „Łapa w Łapę”')).toBe('towarzystwo-lapa-w-lape');
  expect(slugify('  OSP — Gronowo!  ')).toBe('osp-gronowo');
});

test('any text gives only lowercase ascii letters, digits and inner single dashes', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
      expect(slugify(text)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      expect(slugify(text).length).toBeLessThanOrEqual(80);
    }),
  );
});
