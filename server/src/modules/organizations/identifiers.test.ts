import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { completeNip, completeRegon, isValidKrs, isValidNip, isValidRegon, normaliseIdentifier } from './identifiers.js';

describe('NIP', () => {
  test('accepts known-valid numbers and rejects a changed check digit', () => {
    // 123-456-32-18 is the textbook example: 1*6+2*5+3*7+4*2+5*3+6*4+3*5+2*6+1*7 = 118, 118 % 11 = 8.
    expect(isValidNip('1234563218')).toBe(true);
    expect(isValidNip('1234563219')).toBe(false);
    expect(isValidNip(normaliseIdentifier('123-456-32-18'))).toBe(true);
  });

  test('rejects wrong lengths and non-digits', () => {
    for (const bad of ['', '123456321', '12345632180', '12345632a8']) expect(isValidNip(bad)).toBe(false);
  });

  test('a completed NIP is valid and any single-digit change breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), fc.nat(9), fc.integer({ min: 1, max: 9 }), (prefix, position, delta) => {
        const nip = completeNip(prefix);
        fc.pre(nip !== null);
        expect(isValidNip(nip!)).toBe(true);
        const digits = [...nip!];
        digits[position] = String((Number(digits[position]) + delta) % 10);
        // Weights 6,5,7,2,3,4,5,6,7 are coprime with 11, so one changed digit always changes the sum mod 11.
        expect(isValidNip(digits.join(''))).toBe(false);
      }),
    );
  });

  test('prefixes whose checksum would be 10 have no valid NIP', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (prefix) => {
        const nip = completeNip(prefix);
        const anyValid = Array.from({ length: 10 }, (_, d) => isValidNip(prefix + d)).some(Boolean);
        expect(nip !== null).toBe(anyValid);
      }),
    );
  });
});

describe('REGON', () => {
  test('accepts valid 9- and 14-digit numbers', () => {
    expect(isValidRegon('123456785')).toBe(true);
    expect(isValidRegon('123456786')).toBe(false);
    expect(isValidRegon('12345678512347')).toBe(true);
    expect(isValidRegon('12345678512348')).toBe(false);
  });

  test('a 14-digit REGON needs a valid 9-digit parent', () => {
    expect(isValidRegon(completeRegon('1234567861234'))).toBe(false);
  });

  test('completed numbers of both lengths are valid and exactly one check digit fits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{4}$/), (prefix8, local4) => {
        const regon9 = completeRegon(prefix8);
        expect(isValidRegon(regon9)).toBe(true);
        expect(Array.from({ length: 10 }, (_, d) => isValidRegon(prefix8 + d)).filter(Boolean)).toHaveLength(1);
        expect(isValidRegon(completeRegon(regon9 + local4))).toBe(true);
      }),
    );
  });

  test('rejects other lengths', () => {
    for (const bad of ['12345678', '1234567850', '1234567851234', 'abcdefghi']) expect(isValidRegon(bad)).toBe(false);
  });
});

test('KRS is exactly ten digits, leading zeros included', () => {
  expect(isValidKrs('0000123456')).toBe(true);
  expect(isValidKrs('123456')).toBe(false);
  expect(isValidKrs('00001234567')).toBe(false);
  expect(isValidKrs('000012345x')).toBe(false);
});
