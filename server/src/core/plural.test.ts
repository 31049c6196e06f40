import { describe, expect, test } from 'vitest';
import { polishPlural } from './plural.js';

const forms = { one: 'bombkę', few: 'bombki', many: 'bombek' };

/** The rule in words: 1 → one; ends in 2–4 but not in 12–14 → few; everything else → many. */
const byTheRule = (n: number) => (n === 1 ? 'one' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'few' : 'many');

describe('polishPlural', () => {
  test.each([
    [0, 'many'], [1, 'one'], [2, 'few'], [4, 'few'], [5, 'many'], [12, 'many'], [13, 'many'], [14, 'many'],
    [21, 'many'], [22, 'few'], [25, 'many'], [101, 'many'], [102, 'few'], [112, 'many'],
  ] as const)('%i takes the %s form', (n, form) => {
    expect(byTheRule(n)).toBe(form);
    expect(polishPlural(n, forms)).toBe(forms[form]);
  });

  test('agrees with the rule in words for every count up to 1000', () => {
    for (let n = 0; n <= 1000; n++) expect(`${n} ${polishPlural(n, forms)}`).toBe(`${n} ${forms[byTheRule(n)]}`);
  });
});
