import { randomInt } from 'node:crypto';

/**
 * Short codes people read out at a desk or door (bookings, bauble sign-ups). No 0/O, 1/I/L: a code
 * read aloud or typed from a phone screen cannot be misread.
 */
export const SHORT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const SHORT_CODE_LENGTH = 6;

export function generateShortCode(random: (max: number) => number = randomInt): string {
  return Array.from({ length: SHORT_CODE_LENGTH }, () => SHORT_CODE_ALPHABET[random(SHORT_CODE_ALPHABET.length)]).join('');
}

/** What people type: any case, with spaces or dashes. */
export function normaliseShortCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A fresh code that `isTaken` does not know yet (a collision is about one in 900 million). */
export async function uniqueShortCode(isTaken: (code: string) => Promise<boolean>): Promise<string> {
  for (;;) {
    const code = generateShortCode();
    if (!(await isTaken(code))) return code;
  }
}
