import { expect, test } from 'vitest';
import { taxPercentageForYear } from './tax-percentage.js';

test('1% up to tax year 2022, 1.5% from 2023, nothing before the scheme existed', () => {
  expect(taxPercentageForYear(2002)).toBeNull();
  expect(taxPercentageForYear(2003)).toBe(1);
  expect(taxPercentageForYear(2022)).toBe(1);
  expect(taxPercentageForYear(2023)).toBe(1.5);
  expect(taxPercentageForYear(2026)).toBe(1.5);
});
