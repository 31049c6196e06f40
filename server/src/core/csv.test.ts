import { expect, test } from 'vitest';
import { toCsv } from './csv.js';

test('quotes separators, quotes and line breaks; empty for null', () => {
  expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], [null, 'two\nlines']])).toBe('a,b\r\n"x, y","say ""hi"""\r\n,"two\nlines"\r\n');
});

test('neutralises cells a spreadsheet would run as formulas', () => {
  expect(toCsv(['v'], [['=HYPERLINK("x")'], ['+48 600'], ['-1'], ['@SUM(A1)']])).toBe(
    'v\r\n"\'=HYPERLINK(""x"")"\r\n\'+48 600\r\n\'-1\r\n\'@SUM(A1)\r\n',
  );
});
