import { describe, expect, test } from 'vitest';
import { SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, generateShortCode, normaliseShortCode } from './short-code.js';

describe('short codes', () => {
  test('use only unambiguous characters', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateShortCode();
      expect(code).toHaveLength(SHORT_CODE_LENGTH);
      expect([...code].every((c) => SHORT_CODE_ALPHABET.includes(c))).toBe(true);
    }
    expect(SHORT_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });

  test('what people type back normalises to the issued code', () => {
    expect(normaliseShortCode(' ab3-k7z ')).toBe('AB3K7Z');
  });
});
